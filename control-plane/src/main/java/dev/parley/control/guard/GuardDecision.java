package dev.parley.control.guard;

import java.time.Instant;
import java.util.Objects;

/**
 * What {@link DialGuards} says about one dial: go ahead, refuse for good (the task fails), or defer
 * to a later moment (the task is rescheduled, not failed).
 */
public record GuardDecision(Verdict verdict, String guard, String reason, Instant deferUntil) {

  /** The three possible answers. */
  public enum Verdict {
    ALLOW,
    REFUSE,
    DEFER
  }

  private static final GuardDecision ALLOWED = new GuardDecision(Verdict.ALLOW, null, null, null);

  public GuardDecision {
    Objects.requireNonNull(verdict, "verdict");
    if (verdict == Verdict.DEFER) {
      Objects.requireNonNull(deferUntil, "deferUntil");
    }
  }

  /** The dial may go ahead. */
  public static GuardDecision allow() {
    return ALLOWED;
  }

  /** The dial is refused for good by {@code guard} because of {@code reason}. */
  public static GuardDecision refuse(String guard, String reason) {
    return new GuardDecision(Verdict.REFUSE, guard, reason, null);
  }

  /** The dial must wait until {@code until}. */
  public static GuardDecision defer(String guard, String reason, Instant until) {
    return new GuardDecision(Verdict.DEFER, guard, reason, until);
  }

  /** Whether the dial may go ahead. */
  public boolean allowed() {
    return verdict == Verdict.ALLOW;
  }
}
