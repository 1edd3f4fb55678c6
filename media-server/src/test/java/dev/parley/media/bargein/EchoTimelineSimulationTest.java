package dev.parley.media.bargein;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.audio.signal.NoiseGenerator;
import dev.parley.audio.signal.SignalMixer;
import dev.parley.audio.signal.TestAudio;
import dev.parley.media.call.InboundPipeline;
import dev.parley.media.testing.TestSpeech;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The inbound pipeline and the playout against a simulated Twilio on a simulated clock, with the
 * media server's event loop stalling now and then (a loaded machine): inbound frames and mark
 * echoes queue up and are read late, in order, and Twilio's buffer may run dry. Outbound frames
 * must still land on the inbound timeline to the frame, so the echo-path model learns the same
 * delay as on an idle machine and the agent's own echo never starts speech.
 */
class EchoTimelineSimulationTest {

  private static final String GREETING =
      "Hello, this is Parley calling on behalf of Doctor Smith's office, to confirm your appointment"
          + " next Tuesday at three in the afternoon.";
  private static final String CALLEE = "Sorry, I need to move that appointment.";

  private static short[] line(int ms, long seed) {
    return TestAudio.builder(ms).noise(NoiseGenerator.pink(seed, -60)).build().pcm();
  }

  @ParameterizedTest(name = "echo {0} dB after {1} ms, stalls of ~{2} ms, hybrid {3}")
  @CsvSource({
    "-6,60,0,false", "-6,250,0,false", "-12,150,0,false", "-20,250,0,false", "-6,60,200,false",
    "-6,250,300,false", "-12,150,300,false", "-8,100,400,false", "-6,60,0,true", "-6,200,300,true",
    "-10,120,400,true"
  })
  void theAgentsEchoAloneNeverStartsSpeech(
      double echoDb, int delayMs, int stallMs, boolean hybrid) {
    byte[] agent = TestSpeech.speech(GREETING);
    SimulatedTwilioCall sim = new SimulatedTwilioCall();
    if (hybrid) {
      sim.dispersive();
    }
    int onset = sim.run(agent, line(agent.length / 8 + 1000, 5), echoDb, delayMs, 1700, stallMs, 9);
    assertThat(onset).as("speech onset on echo alone").isEqualTo(-1);
  }

  @ParameterizedTest(name = "delay found after {0} ms echo, stalls of ~{1} ms")
  @CsvSource({"60,0", "60,300", "180,0", "180,300"})
  void theEchoPathDelayIsTheSameWhetherOrNotTheServerStalls(int delayMs, int stallMs) {
    byte[] agent = TestSpeech.speech(GREETING);
    SimulatedTwilioCall idle = new SimulatedTwilioCall();
    idle.run(agent, line(agent.length / 8, 5), -12, delayMs, 0, 0, 1);
    SimulatedTwilioCall stalled = new SimulatedTwilioCall();
    stalled.run(agent, line(agent.length / 8, 5), -12, delayMs, 1300, stallMs, 3);
    // Placement is early by the playout uncertainty, so the model's lag is the delay plus that,
    // give or take the frame the delay falls in (neighbouring lags share a frame of the span).
    int expected = delayMs + InboundPipeline.PLAYOUT_UNCERTAINTY_MS;
    assertThat(idle.pipeline.echoPathLagMillis()).isBetween(expected - 20, expected + 20);
    assertThat(stalled.pipeline.echoPathLagMillis()).isBetween(expected - 20, expected + 20);
  }

  @ParameterizedTest(name = "callee {0} dB over echo -6 dB, stalls of ~{1} ms")
  @CsvSource({"0,0", "0,300", "3,300"})
  void aCalleeOverTheWorstEchoIsStillHeard(double relDb, int stallMs) {
    byte[] agent = TestSpeech.speech(GREETING);
    double agentLevel = TestAudio.activeLevelDbov(SignalMixer.toPcm(agent));
    TestAudio callee =
        TestAudio.builder(agent.length / 8)
            .speechAtLevel(1800, SignalMixer.toPcm(TestSpeech.speech(CALLEE)), agentLevel + relDb)
            .noise(NoiseGenerator.pink(5, -60))
            .build();
    SimulatedTwilioCall sim = new SimulatedTwilioCall();
    int onset = sim.run(agent, callee.pcm(), -6, 120, 1300, stallMs, 4);
    double truth = callee.utterances().get(0).onsetMillis();
    assertThat((double) onset).isBetween(truth - 60, truth + 600);
  }

  @ParameterizedTest(name = "callee 10 dB under a {0} dB echo after {1} ms, hybrid {2}")
  @CsvSource({"-6,90,false", "-6,200,false", "-8,150,true", "-10,120,false"})
  void aCalleeUnderOurEchoStillStartsSpeechWithTheCancellerOn(
      double echoDb, int delayMs, boolean hybrid) {
    byte[] agent = TestSpeech.speech(GREETING);
    double agentLevel = TestAudio.activeLevelDbov(SignalMixer.toPcm(agent));
    int onsetMs = 3500;
    TestAudio callee =
        TestAudio.builder(agent.length / 8)
            .speechAtLevel(
                onsetMs, SignalMixer.toPcm(TestSpeech.speech(CALLEE)), agentLevel + echoDb - 10)
            .noise(NoiseGenerator.pink(5, -60))
            .build();
    SimulatedTwilioCall sim = new SimulatedTwilioCall(300, true);
    if (hybrid) {
      sim.dispersive();
    }
    sim.run(agent, callee.pcm(), echoDb, delayMs, 1300, 0, 4);
    double truth = callee.utterances().get(0).onsetMillis();
    // The residual, not the raw frame, feeds the VAD while we play: it must not cost the callee
    // their onset (the level gate alone passes this phrase too, on its louder syllables, 20-60 ms
    // later on these lines; EchoCancellerTest shows the frames only the canceller hears).
    assertThat((double) sim.onsetMs()).isBetween(truth - 60, truth + 150);
    assertThat(sim.detectedAtMs() - truth).isLessThanOrEqualTo(200);
  }
}
