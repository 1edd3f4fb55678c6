package dev.parley.audio.vad;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.audio.codec.MuLaw;
import dev.parley.audio.signal.NoiseGenerator;
import dev.parley.audio.signal.SignalMixer;
import dev.parley.audio.signal.TestAudio;
import dev.parley.audio.testing.SpeechCorpus;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VoiceActivityDetectorTest {

  private static final int FRAME = MuLaw.FRAME_SAMPLES;

  /** Feeds every frame from a buffer that starts at a non-zero offset; returns the events. */
  private static List<VadEvent> run(VoiceActivityDetector vad, byte[] audio, List<Long> onsets) {
    byte[] shifted = new byte[audio.length + 7];
    System.arraycopy(audio, 0, shifted, 7, audio.length);
    List<VadEvent> events = new ArrayList<>();
    for (int off = 7; off + FRAME <= shifted.length; off += FRAME) {
      VadEvent e = vad.process(shifted, off, FRAME);
      events.add(e);
      if (e == VadEvent.SPEECH_START) {
        onsets.add(vad.onsetSample());
      }
    }
    return events;
  }

  @Test
  void oneUtteranceGivesStartContinuesAndOneEndNearTheTruth() {
    TestAudio audio =
        TestAudio.builder(4_000)
            .speechAtLevel(1_000, SpeechCorpus.callee().get(3), -20)
            .noise(NoiseGenerator.pink(1, -50))
            .build();
    VoiceActivityDetector vad = new VoiceActivityDetector(VadConfig.defaults());
    List<Long> onsets = new ArrayList<>();
    List<VadEvent> events = run(vad, audio.muLaw(), onsets);

    assertThat(events).containsOnlyOnce(VadEvent.SPEECH_START, VadEvent.SPEECH_END);
    int start = events.indexOf(VadEvent.SPEECH_START);
    int end = events.indexOf(VadEvent.SPEECH_END);
    assertThat(events.subList(start + 1, end)).containsOnly(VadEvent.SPEECH_CONTINUE);
    assertThat(events.subList(0, start)).containsOnly(VadEvent.NONE);
    assertThat(events.subList(end + 1, events.size())).containsOnly(VadEvent.NONE);

    TestAudio.Utterance truth = audio.utterances().get(0);
    // The reported onset is the first frame of the onset run: within 100 ms of the true onset.
    assertThat(onsets).hasSize(1);
    assertThat(Math.abs(onsets.get(0) - truth.onsetSample())).isLessThanOrEqualTo(800);
    // The end is reported a hangover (500 ms) after the last voiced frame, give or take a frame.
    long endSample = (long) (end + 1) * FRAME;
    assertThat(endSample - truth.endSample()).isBetween(400L * 8, 560L * 8);
    assertThat(vad.inSpeech()).isFalse();
    assertThat(vad.samplePosition()).isEqualTo((long) events.size() * FRAME);
  }

  @Test
  void framesTheEchoGateFlagsAreNeverSpeech() {
    byte[] speech = SignalMixer.toMuLaw(SpeechCorpus.agent().get(0));
    VoiceActivityDetector vad = new VoiceActivityDetector(VadConfig.defaults());
    for (int off = 0; off + FRAME <= speech.length; off += FRAME) {
      assertThat(vad.process(speech, off, FRAME, true)).isEqualTo(VadEvent.NONE);
    }
    assertThat(vad.speechFrames()).isZero();
  }

  @Test
  void digitalSilenceStaysQuietAndResetForgetsEverything() {
    byte[] silence = new byte[FRAME * 100];
    java.util.Arrays.fill(silence, MuLaw.SILENCE);
    VoiceActivityDetector vad = new VoiceActivityDetector(VadConfig.defaults());
    assertThat(run(vad, silence, new ArrayList<>())).containsOnly(VadEvent.NONE);
    vad.reset();
    assertThat(vad.samplePosition()).isZero();
    assertThat(vad.onsetSample()).isEqualTo(-1);
  }

  /** Frame index of SPEECH_START for loud speech at 1 s, vouched for or not. */
  private static int startFrame(boolean fastOnset) {
    byte[] audio =
        TestAudio.builder(3_000)
            .speechAtLevel(1_000, SpeechCorpus.callee().get(3), -15)
            .noise(NoiseGenerator.pink(2, -60))
            .build()
            .muLaw();
    VoiceActivityDetector vad = new VoiceActivityDetector(VadConfig.defaults());
    for (int off = 0, f = 0; off + FRAME <= audio.length; off += FRAME, f++) {
      if (vad.process(audio, off, FRAME, false, fastOnset) == VadEvent.SPEECH_START) {
        return f;
      }
    }
    return -1;
  }

  @Test
  void vouchedLoudFramesConfirmSpeechAfterTheFastOnsetCount() {
    int normal = startFrame(false);
    int fast = startFrame(true);
    assertThat(normal).isPositive();
    // Loud speech: the run that confirms it is the same, so vouched for it confirms no later, and
    // at most the difference in counts sooner (not always that: the frame that ends the shorter
    // count must also sound voiced, and this phrase's second frame is not periodic enough yet).
    VadConfig d = VadConfig.defaults();
    assertThat(fast).isBetween(normal - (d.onsetFrames() - d.fastOnsetFrames()), normal);
  }

  @Test
  void fastOnsetNeverShortensTheCountForQuietSpeech() {
    VadConfig d = VadConfig.defaults();
    // 40 dB over the threshold is more than any frame of a -45 dBov talker reaches.
    VadConfig strict =
        new VadConfig(
            d.thresholdDb(),
            d.onsetFrames(),
            d.hangoverFrames(),
            d.floorRiseDbPerFrame(),
            d.floorFallCoefficient(),
            d.minLevelDbov(),
            d.warmupFrames(),
            d.highPassHz(),
            d.maxZeroCrossingRate(),
            d.fastOnsetFrames(),
            40);
    byte[] audio =
        TestAudio.builder(3_000)
            .speechAtLevel(1_000, SpeechCorpus.callee().get(3), -45)
            .noise(NoiseGenerator.pink(2, -70))
            .build()
            .muLaw();
    VoiceActivityDetector plain = new VoiceActivityDetector(strict);
    VoiceActivityDetector vouched = new VoiceActivityDetector(strict);
    for (int off = 0; off + FRAME <= audio.length; off += FRAME) {
      assertThat(vouched.process(audio, off, FRAME, false, true))
          .isEqualTo(plain.process(audio, off, FRAME, false, false));
    }
  }

  /** Pink line noise at -70 dBov (the floor settles at its clamp, -64 dBov above 300 Hz). */
  private static short[] quietLine(int millis) {
    return NoiseGenerator.pink(3, -70).generate(millis * 8);
  }

  /** Index of the frame on which {@code vad} confirms speech, or -1. */
  private static int firstStart(VoiceActivityDetector vad, byte[] audio, boolean vouched) {
    for (int off = 0, f = 0; off + FRAME <= audio.length; off += FRAME, f++) {
      if (vad.process(audio, off, FRAME, false, vouched) == VadEvent.SPEECH_START) {
        return f;
      }
    }
    return -1;
  }

  @Test
  void aSoftVouchedOnsetIsConfirmedOnItsSecondVoicedFrame() {
    // 1 s of line, then a 1 kHz tone (8 crossings in 32 samples: voiced, not hiss) at -52 dBov,
    // 3 dB over the voicing threshold: a soft /w/ as the barge-in trials have it.
    short[] pcm = quietLine(1_400);
    double amplitude = Math.sqrt(2 * MuLaw.meanSquareOf(-52));
    for (int i = 8_000; i < pcm.length; i++) {
      pcm[i] += (short) Math.round(amplitude * Math.sin(2 * Math.PI * 1_000 * i / 8_000.0));
    }
    byte[] audio = SignalMixer.toMuLaw(pcm);
    assertThat(firstStart(new VoiceActivityDetector(VadConfig.defaults()), audio, true))
        .isEqualTo(51);
    // Not vouched for (nothing playing): the full count of three.
    assertThat(firstStart(new VoiceActivityDetector(VadConfig.defaults()), audio, false))
        .isEqualTo(52);
  }

  @Test
  void clicksNeverConfirmAFastOnsetWhereverTheyFallAgainstTheFrameEdges() {
    // 5 ms clicks at -20 dBov (loud, and voiced by the crossing count once mixed with the line),
    // one every 600 ms, each a millisecond later against the frame grid: straddling an edge (both
    // frames loud), inside a frame's end (the next one rings through the high-pass), or at its
    // start. Every frame vouched for, as during playback on a clean line.
    int clicks = 25;
    short[] pcm = quietLine(1_000 + clicks * 600);
    for (int k = 0; k < clicks; k++) {
      int at = (1_000 + k * 600) * 8 - 20 * 8 + k * 8;
      short[] click = NoiseGenerator.white(k, -20).generate(40);
      SignalMixer.addInto(pcm, click, at, 0);
    }
    VoiceActivityDetector vad = new VoiceActivityDetector(VadConfig.defaults());
    assertThat(firstStart(vad, SignalMixer.toMuLaw(pcm), true)).isEqualTo(-1);
  }

  @Test
  void softFramesJustBeforeTheOnsetRunAreWhereTheUtteranceStarts() {
    // A 1 kHz tone 5 dB over the floor (under the 9 dB voicing threshold) for 60 ms, then loud:
    // the onset is the soft start, not the loud part the run confirmed.
    short[] pcm = quietLine(1_600);
    double soft = Math.sqrt(2 * MuLaw.meanSquareOf(-59));
    double loud = Math.sqrt(2 * MuLaw.meanSquareOf(-30));
    for (int i = 50 * FRAME; i < 70 * FRAME; i++) {
      double a = i < 53 * FRAME ? soft : loud;
      pcm[i] += (short) Math.round(a * Math.sin(2 * Math.PI * 1_000 * i / 8_000.0));
    }
    byte[] audio = SignalMixer.toMuLaw(pcm);
    VoiceActivityDetector vad = new VoiceActivityDetector(VadConfig.defaults());
    assertThat(firstStart(vad, audio, false)).isEqualTo(55);
    assertThat(vad.onsetSample()).isEqualTo(50L * FRAME);

    // Frames the echo gate held for echo are never taken for the start.
    VoiceActivityDetector gated = new VoiceActivityDetector(VadConfig.defaults());
    for (int off = 0, f = 0; off + FRAME <= audio.length; off += FRAME, f++) {
      if (gated.process(audio, off, FRAME, f >= 50 && f < 53) == VadEvent.SPEECH_START) {
        break;
      }
    }
    assertThat(gated.onsetSample()).isEqualTo(53L * FRAME);
  }
}
