package dev.parley.emulator.stream;

import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIMULATION ONLY: the 20 ms real-time clock shared by every emulated call.
 *
 * <p>One fixed-rate timer per event loop ticks all the calls living on that loop, so a thousand
 * calls cost a handful of timers, not a thousand. Netty's fixed-rate timer schedules by deadline,
 * so a late tick is followed by catch-up ticks and the average rate stays at 50 frames/s.
 */
public final class MediaClock {

  /** Frame period. */
  public static final long FRAME_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

  private static final Logger log = LoggerFactory.getLogger(MediaClock.class);

  /** Something that does one frame's work per tick; returns false to stop being ticked. */
  @FunctionalInterface
  public interface Tickable {
    boolean tick();
  }

  private final Map<EventLoop, LoopTicker> tickers = new ConcurrentHashMap<>();
  private final LongAdder ticks = new LongAdder();
  private final LongAdder lateTicks = new LongAdder();
  private final LongAdder failures = new LongAdder();

  /** Starts ticking {@code tickable} on {@code loop}; call on {@code loop}. */
  public void register(EventLoop loop, Tickable tickable) {
    tickers.computeIfAbsent(loop, LoopTicker::new).add(tickable);
  }

  /** Frames ticked across all calls. */
  public long ticks() {
    return ticks.sum();
  }

  /** Timer firings that came more than one frame late (the loop was overloaded). */
  public long lateTicks() {
    return lateTicks.sum();
  }

  /** Ticks that threw (logged and counted; the call keeps being ticked). */
  public long failures() {
    return failures.sum();
  }

  private final class LoopTicker {
    private final EventLoop loop;
    private final ArrayList<Tickable> members = new ArrayList<>();
    private long nextDeadline;
    private boolean started;

    LoopTicker(EventLoop loop) {
      this.loop = loop;
    }

    void add(Tickable t) {
      members.add(t);
      if (!started) {
        started = true;
        nextDeadline = System.nanoTime() + FRAME_NANOS;
        loop.scheduleAtFixedRate(this::tickAll, FRAME_NANOS, FRAME_NANOS, TimeUnit.NANOSECONDS);
      }
    }

    private void tickAll() {
      long now = System.nanoTime();
      if (now - nextDeadline > FRAME_NANOS) {
        lateTicks.increment();
      }
      nextDeadline += FRAME_NANOS;
      // Swap-remove finished members: order between calls does not matter, iteration stays O(n).
      for (int i = 0; i < members.size(); ) {
        boolean keep;
        try {
          keep = members.get(i).tick();
        } catch (RuntimeException e) {
          failures.increment();
          log.warn("media tick failed", e);
          keep = true;
        }
        ticks.increment();
        if (keep) {
          i++;
        } else {
          int last = members.size() - 1;
          members.set(i, members.get(last));
          members.remove(last);
        }
      }
    }
  }
}
