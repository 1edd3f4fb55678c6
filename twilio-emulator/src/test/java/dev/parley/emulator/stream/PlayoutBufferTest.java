package dev.parley.emulator.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.audio.codec.MuLaw;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlayoutBufferTest {

  private final List<String> echoed = new ArrayList<>();
  private final PlayoutBuffer buffer = new PlayoutBuffer(8000);
  private final byte[] frame = new byte[160];

  private static byte[] audio(int length, int value) {
    byte[] b = new byte[length];
    Arrays.fill(b, (byte) value);
    return b;
  }

  private int tick() {
    return buffer.nextFrame(frame, echoed::add);
  }

  @Test
  void markIsEchoedOnTheTickAfterTheAudioBeforeItHasPlayed() {
    buffer.enqueueAudio(audio(320, 1));
    buffer.enqueueMark("a");
    assertThat(tick()).isEqualTo(160);
    assertThat(tick()).isEqualTo(160);
    assertThat(echoed).isEmpty();
    assertThat(tick()).isZero();
    assertThat(echoed).containsExactly("a");
    assertThat(buffer.isIdle()).isTrue();
  }

  @Test
  void markWithNothingBeforeItIsEchoedOnTheNextTick() {
    buffer.enqueueMark("now");
    tick();
    assertThat(echoed).containsExactly("now");
  }

  @Test
  void framesSpanChunkBoundariesAndMarksInsideAFrame() {
    buffer.enqueueAudio(audio(100, 1));
    buffer.enqueueMark("mid");
    buffer.enqueueAudio(audio(100, 2));
    assertThat(tick()).isEqualTo(160);
    assertThat(frame[99]).isEqualTo((byte) 1);
    assertThat(frame[100]).isEqualTo((byte) 2);
    assertThat(echoed).isEmpty();
    assertThat(tick()).isEqualTo(40);
    assertThat(echoed).containsExactly("mid");
    assertThat(frame[40]).isEqualTo(MuLaw.SILENCE);
  }

  @Test
  void clearDropsAudioAndEchoesEveryPendingMarkInOrder() {
    buffer.enqueueAudio(audio(1600, 1));
    buffer.enqueueMark("x");
    buffer.enqueueAudio(audio(160, 1));
    buffer.enqueueMark("y");
    tick();
    buffer.clear(echoed::add);
    assertThat(echoed).containsExactly("x", "y");
    assertThat(buffer.bufferedBytes()).isZero();
    assertThat(tick()).isZero();
    assertThat(echoed).containsExactly("x", "y");
  }

  @Test
  void overflowIsDroppedAndCounted() {
    assertThat(buffer.enqueueAudio(audio(8000, 1))).isTrue();
    assertThat(buffer.enqueueAudio(audio(1, 1))).isFalse();
    assertThat(buffer.droppedBytes()).isEqualTo(1);
  }
}
