package dev.parley.media.playout;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The playout's pacing, marks and interruption accounting, on a simulated clock. */
class OutboundPlayoutTest {

  private static final long MS = 1_000_000L;

  /** Records what the playout sends, in order. */
  static final class Recorder implements FrameSink, PlayoutListener {
    final List<String> sent = new ArrayList<>();
    final List<String> played = new ArrayList<>();
    int media;

    @Override
    public void sendMedia(byte[] mulaw, int off, int len) {
      assertThat(len).isEqualTo(160);
      media++;
      sent.add("m");
    }

    @Override
    public void sendMark(long number) {
      sent.add("k" + number);
    }

    @Override
    public void sendClear() {
      sent.add("clear");
    }

    @Override
    public void flush() {}

    @Override
    public void utterancePlayed(long utteranceId, int playedMs, boolean complete) {
      played.add(utteranceId + ":" + playedMs + (complete ? ":done" : ""));
    }
  }

  @Test
  void keepsTheLeadBoundedAndMarksEveryFiveFramesAndAtTheEnd() {
    Recorder r = new Recorder();
    OutboundPlayout p = new OutboundPlayout(r, r, 200, 5);
    p.enqueue(1, 0, true);
    p.append(1, new byte[160 * 23 + 40], 0, 160 * 23 + 40);
    p.finish(1);
    p.tick(0);
    assertThat(r.media).as("initial burst is the lead").isEqualTo(10);
    assertThat(r.sent)
        .containsSubsequence("m", "m", "m", "m", "m", "k0", "m", "m", "m", "m", "m", "k1");
    // No echo for a while: the clock extrapolates at most one mark interval plus two frames.
    p.tick(1000 * MS);
    assertThat(r.media).isEqualTo(10 + 7);
    // Twilio echoes mark 0 (100 ms played) at t=100 ms: sending resumes in step with playback.
    p.onMarkEcho(0, 1000 * MS);
    p.onMarkEcho(1, 1000 * MS);
    p.onMarkEcho(2, 1000 * MS);
    p.tick(1000 * MS);
    p.tick(1100 * MS);
    assertThat(r.media).as("23 full frames and one padded").isEqualTo(24);
    assertThat(r.sent.get(r.sent.size() - 1)).isEqualTo("k4");
    p.onMarkEcho(4, 1200 * MS);
    assertThat(r.played).containsExactly("1:465:done");
    assertThat(p.playing(1200 * MS)).isFalse();
  }

  @Test
  void interruptionReportsHeardFromMarksAndDropsTheRest() {
    Recorder r = new Recorder();
    OutboundPlayout p = new OutboundPlayout(r, r, 200, 5);
    p.enqueue(7, 0, true);
    p.append(7, new byte[160 * 100], 0, 160 * 100);
    p.enqueue(8, 0, true);
    p.append(8, new byte[1600], 0, 1600);
    p.finish(8);
    long t = 0;
    p.tick(t);
    for (int i = 0; i < 20; i++) {
      t += 20 * MS;
      if (i % 5 == 4) {
        p.onMarkEcho(i / 5, t);
      }
      p.tick(t);
    }
    // Mark 3 (400 ms) was echoed at t=400 ms; 10 ms later about 410 ms have been heard.
    OutboundPlayout.Interruption cut = p.interrupt(t + 10 * MS);
    assertThat(cut.utteranceId()).isEqualTo(7);
    assertThat(cut.heardMs()).isBetween(400, 420);
    assertThat(r.sent).endsWith("clear");
    assertThat(p.queued(7)).isFalse();
    assertThat(p.queued(8)).isFalse();
    int before = r.media;
    p.tick(t + 500 * MS);
    assertThat(r.media).isEqualTo(before);
    // Twilio echoes the marks pending at the clear: they are not playback and report nothing.
    p.onMarkEcho(6, t + 20 * MS);
    assertThat(r.played).isEmpty();
  }
}
