package dev.parley.simulation.persona;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * SIMULATION ONLY: when a persona answers, how long it waits before taking its turn, and whether it
 * interrupts or hangs up on a timer.
 *
 * @param ringFor how long the phone rings before the answer (or busy / failure)
 * @param turnGap silence after the agent's speech that ends the agent's turn
 * @param bargeInAfter if present, the persona starts its next line once the agent has talked this
 *     long in a turn, without waiting for the agent to finish
 * @param hangUpAfter if present, the persona hangs up this long after answering, wherever it is
 */
public record PersonaTiming(
    Duration ringFor,
    Duration turnGap,
    Optional<Duration> bargeInAfter,
    Optional<Duration> hangUpAfter) {

  /** Rings 400 ms, waits 700 ms of silence before answering a turn: a patient person. */
  public static final PersonaTiming DEFAULT =
      new PersonaTiming(
          Duration.ofMillis(400), Duration.ofMillis(700), Optional.empty(), Optional.empty());

  public PersonaTiming {
    Objects.requireNonNull(ringFor, "ringFor");
    Objects.requireNonNull(turnGap, "turnGap");
    Objects.requireNonNull(bargeInAfter, "bargeInAfter");
    Objects.requireNonNull(hangUpAfter, "hangUpAfter");
  }

  /** This timing ringing for {@code d}. */
  public PersonaTiming ringingFor(Duration d) {
    return new PersonaTiming(d, turnGap, bargeInAfter, hangUpAfter);
  }

  /** This timing interrupting the agent after {@code d} of its speech. */
  public PersonaTiming bargingInAfter(Duration d) {
    return new PersonaTiming(ringFor, turnGap, Optional.of(d), hangUpAfter);
  }

  /** This timing hanging up {@code d} after answering. */
  public PersonaTiming hangingUpAfter(Duration d) {
    return new PersonaTiming(ringFor, turnGap, bargeInAfter, Optional.of(d));
  }
}
