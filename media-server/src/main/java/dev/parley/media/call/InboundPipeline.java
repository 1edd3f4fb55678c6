package dev.parley.media.call;

import dev.parley.audio.codec.MuLaw;
import dev.parley.audio.dtmf.GoertzelDtmfDetector;
import dev.parley.audio.echo.EchoGate;
import dev.parley.audio.echo.EchoGateConfig;
import dev.parley.audio.echo.PreRollConsumer;
import dev.parley.audio.vad.VadConfig;
import dev.parley.audio.vad.VadEvent;
import dev.parley.audio.vad.VoiceActivityDetector;

/**
 * The inbound half of the call loop, per 20 ms frame: μ-law energy, echo gate, in-band DTMF, VAD,
 * then either STT or the pre-roll. While our audio may be echoing back, frames are held in the echo
 * gate's pre-roll rather than sent to STT; if the VAD confirms speech the gate could not explain as
 * echo, the pre-roll is released to STT first (the interruption keeps its first syllable) and the
 * listener hears of the onset (barge-in). Otherwise held frames are dropped.
 *
 * <p>Per frame it allocates nothing. Event loop only.
 */
public final class InboundPipeline implements PreRollConsumer {

  /** What the pipeline reports to the call. */
  public interface Listener {
    /** Speech confirmed, starting at {@code onsetMs} of the inbound stream. */
    void speechStarted(int onsetMs, boolean duringOutbound);

    /** Speech ended at {@code endMs}. */
    void speechStopped(int endMs);

    /** Audio for the recogniser. */
    void toRecognizer(byte[] mulaw, int off, int len, long sampleIndex);

    /** A DTMF digit heard in the callee's audio. */
    void inBandDigit(char digit);
  }

  private final VoiceActivityDetector vad;
  private final EchoGate gate;
  private final GoertzelDtmfDetector dtmf = new GoertzelDtmfDetector();
  private final Listener listener;

  /**
   * How far the playout estimate (marks extrapolated, inbound frames as the clock) may run late:
   * three frames of jitter on either stream. The echo window is widened by as much.
   */
  public static final int PLAYOUT_UNCERTAINTY_MS = 60;

  /**
   * Mean square (16-bit linear) 3 dB below two tones at -30 dBm0 each, the weakest pair the
   * Goertzel receiver accepts (0 dBm0 sine: peak 22 672, mean square 2.57e8).
   */
  private static final long DTMF_MIN_MEAN_SQUARE = 256_000L;

  private final int hangoverFrames;
  private long samples;
  private long echoFrames;

  public InboundPipeline(VadConfig vadConfig, EchoGateConfig echoConfig, Listener listener) {
    this.vad = new VoiceActivityDetector(vadConfig);
    this.gate = new EchoGate(echoConfig);
    this.listener = listener;
    this.hangoverFrames = vadConfig.hangoverFrames();
  }

  /** Processes inbound μ-law in 20 ms frames (a trailing partial frame is processed as is). */
  public void process(byte[] mulaw, int off, int len) {
    for (int p = 0; p < len; p += MuLaw.FRAME_SAMPLES) {
      frame(mulaw, off + p, Math.min(MuLaw.FRAME_SAMPLES, len - p));
    }
  }

  private void frame(byte[] b, int off, int n) {
    long idx = samples;
    long energy = MuLaw.energy(b, off, n);
    // Every frame goes through the gate, playing or not: it also tracks when our audio resumed.
    boolean echo = gate.isEchoEnergy(energy, n, idx);
    boolean outbound = gate.lastFrameOverlappedPlayback();
    if (echo) {
      echoFrames++;
    }
    char digit = GoertzelDtmfDetector.NONE;
    if (energy < (long) n * DTMF_MIN_MEAN_SQUARE) {
      // Too quiet to hold the weakest accepted tone pair: a gap between keys. Skipping the eight
      // Goertzel filters here saves their cost on most frames of a call.
      dtmf.reset();
    } else {
      digit = dtmf.process(b, off, n);
    }
    if (digit != GoertzelDtmfDetector.NONE && !outbound) {
      // While our audio may echo back, a tone could be our own SEND_DTMF: Twilio's dtmf events
      // still report the callee's keys then.
      listener.inBandDigit(digit);
    }
    // During playback a shorter onset count only for frames clearly above what our echo explains.
    VadEvent ev = vad.process(b, off, n, echo, outbound && gate.clearlyNotEcho());
    samples += n;
    if (ev == VadEvent.SPEECH_START) {
      // Release what was held (including the onset frames) before this frame, in order.
      gate.holdFrame(b, off, n, idx);
      gate.drainPreRoll(this);
      listener.speechStarted((int) (vad.onsetSample() / 8), outbound);
      return;
    }
    if (ev == VadEvent.SPEECH_END) {
      long end = Math.max(vad.onsetSample(), samples - (long) hangoverFrames * MuLaw.FRAME_SAMPLES);
      listener.speechStopped((int) (end / 8));
    }
    if (outbound && !vad.inSpeech()) {
      gate.holdFrame(b, off, n, idx);
      return;
    }
    if (gate.preRollSize() > 0) {
      // Playback ended without speech: what was held could be echo, so it never reaches STT.
      gate.clearPreRoll();
    }
    listener.toRecognizer(b, off, n, idx);
  }

  @Override
  public void accept(byte[] buf, int off, int len, long sampleIndex) {
    listener.toRecognizer(buf, off, len, sampleIndex);
  }

  /**
   * An outbound frame will start playing {@code leadMs} after now: mapped onto the inbound sample
   * timeline, which advances in real time with the inbound stream.
   */
  public void outboundFrame(byte[] b, int off, int len, long leadMs) {
    // Placed early by the clock's uncertainty: an echo arriving before the window opens would be
    // taken for the callee, one arriving late only needs the window's far end (widened to match).
    long start = samples + (leadMs - PLAYOUT_UNCERTAINTY_MS) * 8;
    gate.onOutboundFrame(b, off, len, Math.max(0, start));
  }

  /** Twilio dropped its buffer: frames scheduled from now on never play. */
  public void playbackCleared() {
    gate.onPlaybackCleared(samples);
  }

  /** Inbound samples processed so far. */
  public long sampleIndex() {
    return samples;
  }

  boolean inSpeech() {
    return vad.inSpeech();
  }

  long echoFrames() {
    return echoFrames;
  }
}
