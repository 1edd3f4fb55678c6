package dev.parley.audio.echo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.audio.codec.MuLaw;
import dev.parley.audio.signal.NoiseGenerator;
import dev.parley.audio.signal.SignalMixer;
import dev.parley.audio.signal.Silence;
import dev.parley.audio.signal.TestAudio;
import dev.parley.audio.testing.SpeechCorpus;
import dev.parley.audio.vad.VadConfig;
import dev.parley.audio.vad.VadEvent;
import dev.parley.audio.vad.VoiceActivityDetector;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The loop the media server runs while the agent talks: hold every inbound frame in the pre-roll,
 * and when the gated VAD confirms speech, release the held frames to STT. What STT receives must
 * begin at or before the callee's true onset, and be the exact audio that arrived.
 */
class PreRollKeepsFirstSyllableTest {

  private static final int FRAME = MuLaw.FRAME_SAMPLES;

  @Test
  void releasedAudioStartsBeforeTheTrueOnsetAndIsTheAudioThatArrived() {
    short[] agent = Silence.pcm(12_000);
    int at = 0;
    for (short[] phrase : SpeechCorpus.agent()) {
      System.arraycopy(phrase, 0, agent, at, Math.min(phrase.length, agent.length - at));
      at += phrase.length + Silence.samples(300);
      if (at >= agent.length) {
        break;
      }
    }
    byte[] outbound = SignalMixer.toMuLaw(agent);
    double agentLevel = TestAudio.activeLevelDbov(agent);
    TestAudio line =
        TestAudio.builder(12_000)
            .speechAtLevel(6_000, SpeechCorpus.callee().get(3), agentLevel)
            .background(120, agent, -12)
            .noise(NoiseGenerator.pink(3, -55))
            .build();
    byte[] inbound = line.muLaw();
    long trueOnset = line.utterances().get(0).onsetSample();

    EchoGate gate = new EchoGate(EchoGateConfig.defaults());
    VoiceActivityDetector vad = new VoiceActivityDetector(VadConfig.defaults());
    List<Long> released = new ArrayList<>();
    List<Boolean> exact = new ArrayList<>();
    PreRollConsumer stt =
        (buf, off, len, sampleIndex) -> {
          released.add(sampleIndex);
          boolean same = len == FRAME;
          for (int i = 0; i < len && same; i++) {
            same = buf[off + i] == inbound[(int) sampleIndex + i];
          }
          exact.add(same);
        };
    long startedAt = -1;
    for (int off = 0; off + FRAME <= inbound.length; off += FRAME) {
      gate.onOutboundFrame(outbound, off, FRAME, off);
      boolean echo = gate.isEcho(inbound, off, FRAME, off);
      VadEvent event = vad.process(inbound, off, FRAME, echo);
      if (!vad.inSpeech() || event == VadEvent.SPEECH_START) {
        gate.holdFrame(inbound, off, FRAME, off);
      }
      if (event == VadEvent.SPEECH_START) {
        // The agent's echo alone must never start speech.
        assertThat((long) off).as("speech start on echo alone").isGreaterThanOrEqualTo(trueOnset);
        startedAt = off;
        gate.drainPreRoll(stt);
        break;
      }
    }
    assertThat(startedAt).as("barge-in detected").isPositive();
    assertThat(released).hasSize(15);
    assertThat(released.get(0)).isLessThanOrEqualTo(trueOnset);
    assertThat(released.get(released.size() - 1)).isEqualTo(startedAt);
    assertThat(exact).containsOnly(true);
    // Consecutive frames, none missing.
    for (int i = 1; i < released.size(); i++) {
      assertThat(released.get(i) - released.get(i - 1)).isEqualTo(FRAME);
    }
  }
}
