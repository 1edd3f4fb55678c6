package dev.parley.control.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.filter.ServerFilterChain;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/** The concurrent-request bound: the excess is a 503 problem with Retry-After, not a queue. */
class LoadSheddingFilterTest {

  /** A chain whose responses arrive only when the test says so. */
  private static final class HeldChain implements ServerFilterChain {
    final List<Subscriber<? super MutableHttpResponse<?>>> waiting = new ArrayList<>();
    int proceeded;

    @Override
    public Publisher<MutableHttpResponse<?>> proceed(HttpRequest<?> request) {
      proceeded++;
      return subscriber -> {
        subscriber.onSubscribe(
            new Subscription() {
              @Override
              public void request(long n) {}

              @Override
              public void cancel() {}
            });
        waiting.add(subscriber);
      };
    }

    void answer(int index) {
      waiting.get(index).onNext(HttpResponse.ok());
      waiting.get(index).onComplete();
    }
  }

  /** Subscribes and keeps what arrives; cancels on demand. */
  private static final class Probe implements Subscriber<MutableHttpResponse<?>> {
    final AtomicReference<MutableHttpResponse<?>> response = new AtomicReference<>();
    Subscription subscription;
    boolean completed;

    @Override
    public void onSubscribe(Subscription s) {
      subscription = s;
      s.request(1);
    }

    @Override
    public void onNext(MutableHttpResponse<?> r) {
      response.set(r);
    }

    @Override
    public void onError(Throwable t) {
      throw new AssertionError(t);
    }

    @Override
    public void onComplete() {
      completed = true;
    }
  }

  private static Probe send(LoadSheddingFilter filter, HeldChain chain) {
    Probe probe = new Probe();
    filter.doFilter(HttpRequest.POST("/api/v1/call-tasks", "{}"), chain).subscribe(probe);
    return probe;
  }

  @Test
  void requestsOverTheLimitAreShedWithA503ProblemAndRetryAfter() {
    LoadSheddingFilter filter = new LoadSheddingFilter(2);
    HeldChain chain = new HeldChain();
    Probe first = send(filter, chain);
    Probe second = send(filter, chain);

    Probe shed = send(filter, chain);

    assertThat(chain.proceeded).isEqualTo(2);
    assertThat(first.response.get()).isNull();
    assertThat(shed.completed).isTrue();
    MutableHttpResponse<?> response = shed.response.get();
    assertThat(response.code()).isEqualTo(503);
    assertThat(response.getHeaders().get(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
    assertThat(response.getContentType()).contains(MediaType.APPLICATION_JSON_PROBLEM_TYPE);
    Problem problem = (Problem) response.body();
    assertThat(problem.status()).isEqualTo(503);
    assertThat(problem.type()).endsWith("/overloaded");

    chain.answer(0);
    assertThat(first.response.get().code()).isEqualTo(200);
    Probe admitted = send(filter, chain);
    assertThat(chain.proceeded).isEqualTo(3);
    assertThat(admitted.response.get()).isNull();
    assertThat(second.response.get()).isNull();
  }

  @Test
  void aCancelledRequestGivesItsPlaceBackOnce() {
    LoadSheddingFilter filter = new LoadSheddingFilter(1);
    HeldChain chain = new HeldChain();
    Probe gone = send(filter, chain);

    gone.subscription.cancel();
    gone.subscription.cancel();
    Probe next = send(filter, chain);
    Probe shed = send(filter, chain);

    assertThat(chain.proceeded).isEqualTo(2);
    assertThat(next.response.get()).isNull();
    assertThat(shed.response.get().code()).isEqualTo(503);
  }

  @Test
  void aLimitBelowOneStopsStartup() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new LoadSheddingFilter(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("parley.http.max-concurrent-requests");
  }
}
