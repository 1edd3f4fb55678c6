package dev.parley.audio.echo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.audio.codec.MuLaw;
import org.junit.jupiter.api.Test;

class EchoReferenceTest {

  private static byte[] frame(int pcm) {
    byte[] f = new byte[MuLaw.FRAME_SAMPLES];
    java.util.Arrays.fill(f, MuLaw.encode(pcm));
    return f;
  }

  @Test
  void framesReadBackWhereTheyPlayedAndSilenceElsewhere() {
    EchoReference r = new EchoReference();
    r.write(frame(1000), 0, 160, 320);
    r.write(frame(-2000), 0, 160, 800);
    assertThat(r.at(319)).isZero();
    assertThat(r.at(320)).isEqualTo(MuLaw.decode(MuLaw.encode(1000)));
    assertThat(r.at(479)).isEqualTo(MuLaw.decode(MuLaw.encode(1000)));
    // The gap between the two was never played.
    assertThat(r.at(480)).isZero();
    assertThat(r.at(799)).isZero();
    assertThat(r.at(800)).isEqualTo(MuLaw.decode(MuLaw.encode(-2000)));
    assertThat(r.at(960)).isZero();
  }

  @Test
  void aShiftMovesLaterFramesAndLeavesSilenceBehind() {
    EchoReference r = new EchoReference();
    r.write(frame(1000), 0, 160, 0);
    r.write(frame(3000), 0, 160, 160);
    r.shift(160, 200);
    assertThat(r.at(100)).isEqualTo(MuLaw.decode(MuLaw.encode(1000)));
    assertThat(r.at(160)).isZero();
    assertThat(r.at(359)).isZero();
    assertThat(r.at(360)).isEqualTo(MuLaw.decode(MuLaw.encode(3000)));
    assertThat(r.at(519)).isEqualTo(MuLaw.decode(MuLaw.encode(3000)));
    assertThat(r.at(520)).isZero();
    r.shift(360, -100);
    assertThat(r.at(260)).isEqualTo(MuLaw.decode(MuLaw.encode(3000)));
    assertThat(r.at(419)).isEqualTo(MuLaw.decode(MuLaw.encode(3000)));
    assertThat(r.at(420)).isZero();
  }

  @Test
  void clearedAudioNeverPlayed() {
    EchoReference r = new EchoReference();
    r.write(frame(1000), 0, 160, 0);
    r.write(frame(1000), 0, 160, 160);
    r.clear(200);
    assertThat(r.at(199)).isNotZero();
    assertThat(r.at(200)).isZero();
    // Audio older than the ring (1 s) reads as silence, not as what overwrote it.
    r.write(frame(500), 0, 160, 200 + 8192);
    assertThat(r.at(199)).isZero();
  }
}
