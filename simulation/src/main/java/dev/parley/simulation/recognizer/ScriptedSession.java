package dev.parley.simulation.recognizer;

import dev.parley.audio.codec.MuLaw;
import dev.parley.audio.vad.VadConfig;
import dev.parley.audio.vad.VadEvent;
import dev.parley.audio.vad.VoiceActivityDetector;
import dev.parley.media.speech.SpeechToText;
import dev.parley.simulation.persona.Persona;

/**
 * SIMULATION ONLY: one call's scripted recognition. Utterances come from a real VAD; their words
 * from the persona's next line. Event loop only; allocates nothing per frame except when it emits a
 * transcript.
 */
final class ScriptedSession implements SpeechToText.Session {

  /** An utterance whose voiced frames are mostly steady tone is a beep, not a line. */
  private static final double TONAL_SHARE = 0.6;

  /** Interim transcripts every 200 ms of an utterance: about as often as a streaming provider. */
  private static final int INTERIM_EVERY_FRAMES = 10;

  /**
   * Speaking rate used to spread a line's words over its utterance: the offline FreeTTS voice took
   * 54-82 ms per character (median 66) over the catalogue's lines of more than ten characters.
   */
  static final double MS_PER_CHAR = 66.0;

  private final Persona persona;
  private final VoiceActivityDetector vad;
  private final int joinGapSamples;
  private final SpeechToText.Listener listener;
  private final short[] pcm = new short[MuLaw.FRAME_SAMPLES];

  private int nextLine;
  private int seq;
  private boolean closed;

  // The utterance under way (start >= 0), or ended and waiting out the join gap (pending).
  private long start = -1;
  private long lastVoicedEnd;
  private int voicedFrames;
  private int tonalFrames;
  private int framesSinceInterim;
  private int interimWords;
  private String[] lineWords = new String[0];
  private boolean pending;
  private long pendingSince;

  ScriptedSession(
      Persona persona, VadConfig vadConfig, int joinGapMs, SpeechToText.Listener listener) {
    this.persona = persona;
    this.vad = new VoiceActivityDetector(vadConfig);
    this.joinGapSamples = joinGapMs * (MuLaw.SAMPLE_RATE / 1000);
    this.listener = listener;
  }

  @Override
  public void sendAudio(byte[] mulaw, int off, int len, long sampleIndex) {
    if (closed) {
      return;
    }
    // Audio may arrive with gaps (echo held back by the media server): map the VAD's own sample
    // count onto the inbound stream's timeline.
    long offset = sampleIndex - vad.samplePosition();
    for (int p = 0; p < len; p += MuLaw.FRAME_SAMPLES) {
      int n = Math.min(MuLaw.FRAME_SAMPLES, len - p);
      frame(mulaw, off + p, n, offset);
    }
  }

  private void frame(byte[] b, int off, int n, long offset) {
    VadEvent ev = vad.process(b, off, n);
    long frameEnd = vad.samplePosition() + offset;
    switch (ev) {
      case SPEECH_START -> {
        long onset = vad.onsetSample() + offset;
        if (pending) {
          // Still inside the join window: a pause within the line, not a new line.
          pending = false;
        } else {
          if (pending) {
            finish(false);
          }
          begin(onset);
        }
        voiced(b, off, n, frameEnd);
      }
      case SPEECH_CONTINUE -> {
        if (isLoud(b, off, n)) {
          voiced(b, off, n, frameEnd);
        }
        interim(frameEnd);
      }
      case SPEECH_END -> {
        pending = true;
        pendingSince = frameEnd;
      }
      default -> {
        if (pending && frameEnd - pendingSince >= joinGapSamples) {
          finish(false);
        }
      }
    }
  }

  private void begin(long onset) {
    start = onset;
    lastVoicedEnd = onset;
    voicedFrames = 0;
    tonalFrames = 0;
    framesSinceInterim = 0;
    interimWords = 0;
    lineWords = words(persona.line(nextLine));
  }

  private void voiced(byte[] b, int off, int n, long frameEnd) {
    lastVoicedEnd = frameEnd;
    voicedFrames++;
    MuLaw.decode(b, off, n, pcm, 0);
    if (ToneDetector.isTonal(pcm, 0, n)) {
      tonalFrames++;
    }
  }

  /** Rough per-frame voicing for the end time: 9 dB above the VAD's noise floor. */
  private boolean isLoud(byte[] b, int off, int n) {
    double meanSquare = (double) MuLaw.energy(b, off, n) / n;
    return MuLaw.dbov(meanSquare) > vad.noiseFloorDbov() + 9;
  }

  private boolean isTone() {
    return voicedFrames > 0 && tonalFrames >= TONAL_SHARE * voicedFrames;
  }

  private void interim(long frameEnd) {
    if (++framesSinceInterim < INTERIM_EVERY_FRAMES || isTone()) {
      return;
    }
    framesSinceInterim = 0;
    String[] words = lineWords;
    // Never the whole line in an interim: the final says when it is complete.
    int said = Math.min(words.length - 1, wordsSpokenBy(start, frameEnd, words.length));
    if (said > interimWords) {
      interimWords = said;
      listener.onTranscript(
          seq, false, ms(start), ms(frameEnd), 0.5f, String.join(" ", prefix(words, said)));
    }
  }

  /** How many of a line's {@code total} words are said by {@code at}, at the synthetic rate. */
  private int wordsSpokenBy(long from, long at, int total) {
    double lineMs = persona.line(nextLine).length() * MS_PER_CHAR;
    double elapsedMs = (at - from) / 8.0;
    return (int) Math.min(total, Math.floor(total * elapsedMs / Math.max(1, lineMs)));
  }

  /**
   * Ends the utterance: a line's final transcript, unless it was a tone. {@code cutOff} when the
   * call ended during it: only the words said by then are transcribed.
   */
  private void finish(boolean cutOff) {
    pending = false;
    if (start < 0) {
      return;
    }
    long s = start;
    start = -1;
    if (isTone()) {
      return;
    }
    String line = persona.line(nextLine);
    String[] words = lineWords;
    String text = line;
    if (cutOff && words.length > 0) {
      int said = Math.max(1, wordsSpokenBy(s, lastVoicedEnd, words.length));
      if (said < words.length * 0.8) {
        text = String.join(" ", prefix(words, said));
      }
    }
    if (nextLine < persona.lines().size()) {
      nextLine++;
    }
    // Past the script the callee said something unscripted: an utterance with no known words.
    float confidence = line.isEmpty() ? 0f : 0.99f;
    listener.onTranscript(seq++, true, ms(s), ms(Math.max(s, lastVoicedEnd)), confidence, text);
  }

  private static String[] words(String line) {
    return line.isBlank() ? new String[0] : line.trim().split("\\s+");
  }

  private static String[] prefix(String[] words, int n) {
    String[] out = new String[n];
    System.arraycopy(words, 0, out, 0, n);
    return out;
  }

  private static int ms(long sample) {
    return (int) (sample / 8);
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (vad.inSpeech()) {
      finish(true);
    } else if (pending) {
      finish(false);
    }
  }
}
