package dev.parley.media.call;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.FastThreadLocal;
import java.util.Arrays;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The 20 ms tick of every call on one event loop: one scheduled task per loop drives all of its
 * calls, instead of a {@code scheduleAtFixedRate} per call, whose scheduled-task queue and wake-ups
 * cost the node CPU in proportion to the calls it holds. Each call's tick runs on its own event
 * loop as before; calls on the same loop now tick at the same instant.
 *
 * <p>A call whose tick throws is dropped from the ticker (as its own scheduled task would have
 * stopped), so one faulty call cannot stop the others. Event loop only.
 */
final class CallTicker implements Runnable {

  private static final Logger log = LoggerFactory.getLogger(CallTicker.class);

  static final long PERIOD_MS = 20;

  /** One ticker per event-loop thread; Netty binds each event loop to one thread. */
  private static final FastThreadLocal<CallTicker> PER_LOOP = new FastThreadLocal<>();

  private final EventLoop loop;
  private CallSession[] calls = new CallSession[16];
  private int size;
  private boolean holes;
  private ScheduledFuture<?> future;

  private CallTicker(EventLoop loop) {
    this.loop = loop;
  }

  /** The ticker of {@code loop}; call on that loop. */
  static CallTicker of(EventLoop loop) {
    if (!loop.inEventLoop()) {
      throw new IllegalStateException("CallTicker.of must run on the call's event loop");
    }
    CallTicker t = PER_LOOP.get();
    if (t == null || t.loop != loop) {
      t = new CallTicker(loop);
      PER_LOOP.set(t);
    }
    return t;
  }

  /** Starts ticking {@code call} from the loop's next tick. */
  void add(CallSession call) {
    if (size == calls.length) {
      compact();
      if (size == calls.length) {
        calls = Arrays.copyOf(calls, size * 2);
      }
    }
    calls[size++] = call;
    if (future == null) {
      future = loop.scheduleAtFixedRate(this, PERIOD_MS, PERIOD_MS, TimeUnit.MILLISECONDS);
    }
  }

  /** Stops ticking {@code call}; safe from inside a tick. */
  void remove(CallSession call) {
    for (int i = 0; i < size; i++) {
      if (calls[i] == call) {
        calls[i] = null;
        holes = true;
        return;
      }
    }
  }

  @Override
  public void run() {
    // Calls added during this pass (none are today) start on the next one.
    int n = size;
    for (int i = 0; i < n; i++) {
      CallSession c = calls[i];
      if (c == null) {
        continue;
      }
      try {
        c.tick();
      } catch (RuntimeException e) {
        log.error("call {}: tick failed, the call no longer ticks", c.callId(), e);
        remove(c);
      }
    }
    if (holes) {
      compact();
    }
    if (size == 0 && future != null) {
      future.cancel(false);
      future = null;
    }
  }

  private void compact() {
    int w = 0;
    for (int r = 0; r < size; r++) {
      if (calls[r] != null) {
        calls[w++] = calls[r];
      }
    }
    Arrays.fill(calls, w, size, null);
    size = w;
    holes = false;
  }
}
