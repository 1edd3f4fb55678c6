package dev.parley.control.web;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.http.filter.ServerFilterPhase;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * Bounds how many {@code /api/**} requests the control plane works on at once and answers the
 * excess at once with a 503 problem and {@code Retry-After}. Every API request blocks a thread of
 * the blocking executor on a database connection; without a bound, a burst above what the
 * connection pool can serve grows that executor by thousands of threads, each waiting up to the
 * pool's timeout, and every request then fails late instead of a few failing early. The bound
 * ({@code parley.http.max-concurrent-requests}, default 40) is a few times the connection pool, so
 * a request that is admitted waits for a connection briefly at most. Runs before authentication,
 * which itself reads the database.
 */
@Filter("/api/**")
public final class LoadSheddingFilter implements HttpServerFilter {
  /** Seconds a shed client is told to wait before it tries again. */
  static final long RETRY_AFTER_SECONDS = 1;

  private final Semaphore permits;

  LoadSheddingFilter(@Value("${parley.http.max-concurrent-requests:40}") int maxConcurrent) {
    if (maxConcurrent < 1) {
      throw new IllegalArgumentException(
          "parley.http.max-concurrent-requests must be at least 1, was " + maxConcurrent);
    }
    this.permits = new Semaphore(maxConcurrent);
  }

  @Override
  public int getOrder() {
    return ServerFilterPhase.FIRST.order();
  }

  @Override
  public Publisher<MutableHttpResponse<?>> doFilter(
      HttpRequest<?> request, ServerFilterChain chain) {
    if (!permits.tryAcquire()) {
      return subscriber -> justOne(subscriber, overloaded());
    }
    Publisher<MutableHttpResponse<?>> response;
    try {
      response = chain.proceed(request);
    } catch (RuntimeException | Error e) {
      permits.release();
      throw e;
    }
    return new ReleasingPublisher(response, permits);
  }

  private static MutableHttpResponse<?> overloaded() {
    return ProblemResponses.of(
            Problem.of(
                "overloaded",
                "Service Unavailable",
                503,
                "the control plane is at its concurrent-request limit; retry after "
                    + RETRY_AFTER_SECONDS
                    + " s",
                List.of()))
        .header(HttpHeaders.RETRY_AFTER, Long.toString(RETRY_AFTER_SECONDS));
  }

  private static <T> void justOne(Subscriber<? super T> subscriber, T value) {
    subscriber.onSubscribe(
        new Subscription() {
          private final AtomicBoolean done = new AtomicBoolean();

          @Override
          public void request(long n) {
            if (n > 0 && done.compareAndSet(false, true)) {
              subscriber.onNext(value);
              subscriber.onComplete();
            }
          }

          @Override
          public void cancel() {
            done.set(true);
          }
        });
  }

  /**
   * The chain's response, giving the permit back exactly once when it completes, fails or is
   * cancelled (a client that went away).
   */
  private static final class ReleasingPublisher implements Publisher<MutableHttpResponse<?>> {
    private final Publisher<MutableHttpResponse<?>> source;
    private final Semaphore permits;
    private final AtomicBoolean released = new AtomicBoolean();

    ReleasingPublisher(Publisher<MutableHttpResponse<?>> source, Semaphore permits) {
      this.source = source;
      this.permits = permits;
    }

    private void release() {
      if (released.compareAndSet(false, true)) {
        permits.release();
      }
    }

    @Override
    public void subscribe(Subscriber<? super MutableHttpResponse<?>> downstream) {
      source.subscribe(
          new Subscriber<MutableHttpResponse<?>>() {
            @Override
            public void onSubscribe(Subscription upstream) {
              downstream.onSubscribe(
                  new Subscription() {
                    @Override
                    public void request(long n) {
                      upstream.request(n);
                    }

                    @Override
                    public void cancel() {
                      release();
                      upstream.cancel();
                    }
                  });
            }

            @Override
            public void onNext(MutableHttpResponse<?> response) {
              release();
              downstream.onNext(response);
            }

            @Override
            public void onError(Throwable error) {
              release();
              downstream.onError(error);
            }

            @Override
            public void onComplete() {
              release();
              downstream.onComplete();
            }
          });
    }
  }
}
