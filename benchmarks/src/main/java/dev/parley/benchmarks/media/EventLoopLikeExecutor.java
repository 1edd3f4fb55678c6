package dev.parley.benchmarks.media;

import io.netty.util.concurrent.FastThreadLocalThread;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * JMH's benchmark threads, made {@link FastThreadLocalThread}s like Netty's event loops: Netty 4.2
 * pools buffer objects and allocator caches only on such threads, so this is where the media
 * server's per-frame code really runs. Selected with {@code -Djmh.executor=CUSTOM
 * -Djmh.executor.class=...} (see {@link MediaFrameBenchmark}'s {@code @Fork}).
 */
public final class EventLoopLikeExecutor extends ThreadPoolExecutor {

  /** The constructor JMH's custom executor support calls. */
  public EventLoopLikeExecutor(int maxThreads, String prefix) {
    super(
        maxThreads,
        maxThreads,
        1,
        TimeUnit.MINUTES,
        new LinkedBlockingQueue<>(),
        new java.util.concurrent.ThreadFactory() {
          private final AtomicInteger n = new AtomicInteger();

          @Override
          public Thread newThread(Runnable r) {
            Thread t = new FastThreadLocalThread(r, prefix + "-ftl-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
          }
        });
  }
}
