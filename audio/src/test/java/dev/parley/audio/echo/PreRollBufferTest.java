package dev.parley.audio.echo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PreRollBufferTest {

  @Test
  void keepsTheNewestFramesInOrderReadFromANonZeroOffset() {
    PreRollBuffer ring = new PreRollBuffer(3, 4);
    byte[] input = new byte[10];
    for (int frame = 0; frame < 5; frame++) {
      for (int i = 0; i < 4; i++) {
        input[3 + i] = (byte) (frame * 10 + i);
      }
      ring.hold(input, 3, 4, frame * 4L);
    }
    List<String> seen = new ArrayList<>();
    int drained =
        ring.drain(
            (buf, off, len, sampleIndex) ->
                seen.add(sampleIndex + ":" + buf[off] + "," + buf[off + len - 1]));
    assertThat(drained).isEqualTo(3);
    assertThat(seen).containsExactly("8:20,23", "12:30,33", "16:40,43");
    assertThat(ring.size()).isZero();
    assertThat(ring.drain((buf, off, len, idx) -> seen.add("again"))).isZero();
  }

  @Test
  void rejectsAFrameLargerThanASlot() {
    PreRollBuffer ring = new PreRollBuffer(2, 4);
    assertThatThrownBy(() -> ring.hold(new byte[5], 0, 5, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
