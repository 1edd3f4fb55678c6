package dev.parley.audio.echo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.audio.codec.MuLaw;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class EchoGateBasicsTest {

  private static byte[] constantFrame(int linear) {
    byte[] frame = new byte[MuLaw.FRAME_SAMPLES];
    for (int i = 0; i < frame.length; i++) {
      // Alternate sign so the frame is a (very high pitched) tone of the given amplitude.
      frame[i] = MuLaw.encode((i & 1) == 0 ? linear : -linear);
    }
    return frame;
  }

  @Test
  void nothingIsEchoWhenNothingWasPlayed() {
    EchoGate gate = new EchoGate(EchoGateConfig.defaults());
    assertThat(gate.isEcho(constantFrame(1000), 0, 160, 0)).isFalse();
  }

  @Test
  void quieterThanTheWorstCaseEchoIsEchoLouderIsNot() {
    EchoGate gate = new EchoGate(EchoGateConfig.defaults());
    byte[] loud = constantFrame(8000);
    for (int f = 0; f < 10; f++) {
      gate.onOutboundFrame(loud, 0, 160, f * 160L);
    }
    // -6 dB echo of 8000 is about 4000; margin 3 dB lets up to about 5650 count as echo.
    assertThat(gate.isEcho(constantFrame(4000), 0, 160, 5 * 160L)).isTrue();
    assertThat(gate.isEcho(constantFrame(7000), 0, 160, 5 * 160L)).isFalse();
    // 300 ms (2400 samples) after the last outbound frame ended the echo window is empty.
    assertThat(gate.isEcho(constantFrame(100), 0, 160, 1600L + 2400L)).isFalse();
    assertThat(gate.isEcho(constantFrame(100), 0, 160, 1600L + 2000L)).isTrue();
  }

  @Test
  void framesScheduledAfterAClearAreForgotten() {
    EchoGate gate = new EchoGate(EchoGateConfig.defaults());
    byte[] loud = constantFrame(8000);
    byte[] quiet = constantFrame(50);
    for (int f = 0; f < 50; f++) {
      gate.onOutboundFrame(loud, 0, 160, f * 160L);
    }
    gate.onPlaybackCleared(10 * 160L);
    // Long after the cleared playout stopped, nothing loud was played.
    assertThat(gate.isEcho(constantFrame(3000), 0, 160, 40 * 160L)).isFalse();
    // Rescheduling earlier replaces what was queued.
    gate.onOutboundFrame(quiet, 0, 160, 40 * 160L);
    assertThat(gate.isEcho(constantFrame(3000), 0, 160, 41 * 160L)).isFalse();
    assertThat(gate.isEcho(constantFrame(30), 0, 160, 41 * 160L)).isTrue();
  }

  @Test
  void theLearnedLevelLetsAQuieterCalleeThroughWithinASecondOfPlayback() {
    EchoGate gate = new EchoGate(EchoGateConfig.defaults());
    byte[] loud = constantFrame(8000);
    byte[] echo = constantFrame(800); // -20 dB
    byte[] callee = constantFrame(4000); // 6 dB under our loudest frame
    long f = 0;
    for (; f < 50; f++) {
      gate.onOutboundFrame(loud, 0, 160, f * 160);
      assertThat(gate.isEcho(echo, 0, 160, f * 160)).as("echo frame %s", f).isTrue();
    }
    // At the worst case (-6 dB return loss, 3 dB margin) this callee would be held as echo.
    gate.onOutboundFrame(loud, 0, 160, f * 160);
    assertThat(gate.isEcho(callee, 0, 160, f * 160)).isFalse();
    assertThat(gate.echoThresholdDb()).isLessThan(-10);
  }

  @Test
  void aCalleeTalkingOverUsBarelyMovesTheLearnedLevel() {
    EchoGate gate = new EchoGate(EchoGateConfig.defaults());
    byte[] loud = constantFrame(8000);
    byte[] echo = constantFrame(800);
    byte[] callee = constantFrame(4000);
    long f = 0;
    for (; f < 50; f++) {
      gate.onOutboundFrame(loud, 0, 160, f * 160);
      gate.isEcho(echo, 0, 160, f * 160);
    }
    double before = gate.echoThresholdDb();
    for (int i = 0; i < 25; i++, f++) {
      gate.onOutboundFrame(loud, 0, 160, f * 160);
      assertThat(gate.isEcho(callee, 0, 160, f * 160)).as("callee frame %s", i).isFalse();
    }
    // 0.1 dB per frame at most while they talk.
    assertThat(gate.echoThresholdDb()).isLessThanOrEqualTo(before + 2.6);
  }

  @Test
  void echoStillOnItsWayAfterAPauseTeachesNothing() {
    EchoGate gate = new EchoGate(EchoGateConfig.defaults());
    byte[] loud = constantFrame(8000);
    byte[] echo = constantFrame(4000); // -6 dB, arriving 280 ms (14 frames) late
    byte[] line = constantFrame(20);
    for (long f = 0; f < 200; f++) {
      // Talk for 1 s, pause for 1 s, talk again: the echo of each burst comes 14 frames later.
      boolean talking = (f / 50) % 2 == 0;
      boolean echoing = f >= 14 && ((f - 14) / 50) % 2 == 0;
      if (talking) {
        gate.onOutboundFrame(loud, 0, 160, f * 160);
      }
      boolean isEcho = gate.isEcho(echoing ? echo : line, 0, 160, f * 160);
      if (echoing) {
        assertThat(isEcho).as("echo frame %s", f).isTrue();
      }
    }
  }

  @Test
  void preRollReleasesHeldFrames() {
    EchoGate gate = new EchoGate(EchoGateConfig.defaults());
    byte[] frame = new byte[MuLaw.FRAME_SAMPLES];
    for (int f = 0; f < 20; f++) {
      Arrays.fill(frame, (byte) f);
      gate.holdFrame(frame, 0, frame.length, f * 160L);
    }
    assertThat(gate.preRollSize()).isEqualTo(15);
    long[] first = {-1};
    int[] count = {0};
    gate.drainPreRoll(
        (buf, off, len, idx) -> {
          if (count[0]++ == 0) {
            first[0] = idx;
          }
        });
    assertThat(count[0]).isEqualTo(15);
    assertThat(first[0]).isEqualTo(5 * 160L);
  }
}
