package dev.parley.agent.llm.client;

import java.time.Duration;

/** Waits between retries; tests pass one that records the delays instead of sleeping them. */
@FunctionalInterface
public interface Sleeper {

  /** Sleeps with {@link Thread#sleep(long)}. */
  Sleeper SYSTEM = d -> Thread.sleep(d.toMillis());

  /** Waits {@code delay}. */
  void sleep(Duration delay) throws InterruptedException;
}
