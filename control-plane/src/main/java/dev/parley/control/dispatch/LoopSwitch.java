package dev.parley.control.dispatch;

import io.micronaut.context.env.Environment;

/**
 * Whether a background loop runs: its {@code parley.*.enabled} property when set, else on — except
 * in the {@code test} environment, where loops stay off unless a test turns one on, so API tests
 * never see tasks dialled, sessions swept or ports bound behind their back.
 */
public final class LoopSwitch {
  private LoopSwitch() {}

  /** Whether the loop switched by {@code property} runs in {@code env}. */
  public static boolean enabled(Environment env, String property) {
    return env.getProperty(property, Boolean.class)
        .orElse(!env.getActiveNames().contains(Environment.TEST));
  }
}
