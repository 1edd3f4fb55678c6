package dev.parley.media.call;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.audio.codec.MuLaw;
import dev.parley.audio.dtmf.DtmfToneGenerator;
import dev.parley.audio.echo.EchoGateConfig;
import dev.parley.audio.signal.NoiseGenerator;
import dev.parley.audio.signal.SignalMixer;
import dev.parley.audio.signal.TestAudio;
import dev.parley.audio.vad.VadConfig;
import dev.parley.media.testing.TestSpeech;
import org.junit.jupiter.api.Test;

/**
 * In-band DTMF through the whole inbound pipeline, which runs the Goertzel detector only on frames
 * loud enough to hold the weakest accepted tone pair: no key may be lost to that pre-check, at any
 * alignment to the 20 ms frames, and speech must not become digits.
 */
class InboundPipelineDtmfTest {

  private static final String KEYS = "0123456789*#ABCD1155##";

  private static byte[] tones(int toneMs, int gapMs, double dbm0) {
    DtmfToneGenerator gen = new DtmfToneGenerator(toneMs, gapMs, dbm0);
    gen.enqueue(KEYS);
    byte[] audio = new byte[8000 * 6];
    java.util.Arrays.fill(audio, MuLaw.SILENCE);
    for (int off = 0; off < audio.length; off += MuLaw.FRAME_SAMPLES) {
      gen.writeFrame(audio, off, MuLaw.FRAME_SAMPLES);
    }
    return audio;
  }

  /** The digits the pipeline hears in {@code audio}, delivered {@code shift} samples late. */
  private static String heard(byte[] audio, int shift) {
    StringBuilder digits = new StringBuilder();
    InboundPipeline pipeline =
        new InboundPipeline(
            VadConfig.defaults(),
            EchoGateConfig.defaults(),
            new InboundPipeline.Listener() {
              @Override
              public void speechStarted(int onsetMs, boolean duringOutbound) {}

              @Override
              public void speechStopped(int endMs) {}

              @Override
              public void toRecognizer(byte[] mulaw, int off, int len, long sampleIndex) {}

              @Override
              public void inBandDigit(char digit) {
                digits.append(digit);
              }
            });
    byte[] padded = new byte[audio.length + shift];
    java.util.Arrays.fill(padded, MuLaw.SILENCE);
    System.arraycopy(audio, 0, padded, shift, audio.length);
    pipeline.process(padded, 0, padded.length);
    return digits.toString();
  }

  @Test
  void everyKeyAtMinimumTimingAndTheWeakestLevelWhateverTheAlignment() {
    for (double level : new double[] {-10, -25}) {
      byte[] audio = tones(50, 50, level);
      for (int shift = 0; shift < MuLaw.FRAME_SAMPLES; shift += 7) {
        assertThat(heard(audio, shift)).as("%s dBm0, shift %d", level, shift).isEqualTo(KEYS);
      }
    }
  }

  @Test
  void everyKeyInNoiseAndHum() {
    byte[] audio = tones(50, 50, -10);
    // Tones at -10 dBm0 (about -13 dBov each): white and pink noise at 17 and 20 dB SNR per tone
    // (as the detector's own test), mains hum 7 dB under a tone (the detector itself wants the pair
    // to carry 60 % of the energy).
    String[] names = {"white", "pink", "hum"};
    NoiseGenerator[] noises = {
      NoiseGenerator.white(1, -30), NoiseGenerator.pink(2, -33), NoiseGenerator.hum(50, -20)
    };
    for (int i = 0; i < noises.length; i++) {
      NoiseGenerator noise = noises[i];
      byte[] mixed =
          SignalMixer.mixMuLaw(audio, SignalMixer.toMuLaw(noise.generate(audio.length)), 0, 0);
      assertThat(heard(mixed, 0)).as(names[i]).isEqualTo(KEYS);
    }
  }

  @Test
  void speechIsNoDigit() {
    TestAudio.Builder b = TestAudio.builder(12_000);
    int at = 0;
    for (String text :
        new String[] {
          "Sorry, I need to move that appointment.",
          "Wait, wait, who is this?",
          "Seven, three, nine, one, four, four, two.",
          "Hold on a second, let me find a pen."
        }) {
      short[] phrase = SignalMixer.toPcm(TestSpeech.speech(text));
      b.speechAtLevel(at, phrase, -15);
      at += phrase.length / 8 + 300;
    }
    assertThat(heard(b.build().muLaw(), 0)).isEmpty();
  }
}
