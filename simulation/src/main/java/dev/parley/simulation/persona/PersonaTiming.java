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
 * @param hangUpAfter if present, the persona hangs up this long after the call's audio reached it
 *     (the Media Stream started), wherever it is
 * @param bargeInTurn with {@code bargeInAfter}: the agent turn (1-based) the persona talks over; 0
 *     talks over every turn that lasts long enough
 */
public record PersonaTiming(
    Duration ringFor,
    Duration turnGap,
    Optional<Duration> bargeInAfter,
    Optional<Duration> hangUpAfter,
    int bargeInTurn) {

  /** Rings 400 ms, waits 700 ms of silence before answering a turn: a patient person. */
  public static final PersonaTiming DEFAULT =
      new PersonaTiming(
          Duration.ofMillis(400), Duration.ofMillis(700), Optional.empty(), Optional.empty(), 0);

  public PersonaTiming {
    Objects.requireNonNull(ringFor, "ringFor");
    Objects.requireNonNull(turnGap, "turnGap");
    Objects.requireNonNull(bargeInAfter, "bargeInAfter");
    Objects.requireNonNull(hangUpAfter, "hangUpAfter");
    if (bargeInTurn < 0 || (bargeInTurn > 0 && bargeInAfter.isEmpty())) {
      throw new IllegalArgumentException("barge-in turn " + bargeInTurn + " needs bargeInAfter");
    }
  }

  /** Timing without a chosen barge-in turn. */
  public PersonaTiming(
      Duration ringFor,
      Duration turnGap,
      Optional<Duration> bargeInAfter,
      Optional<Duration> hangUpAfter) {
    this(ringFor, turnGap, bargeInAfter, hangUpAfter, 0);
  }

  /** This timing ringing for {@code d}. */
  public PersonaTiming ringingFor(Duration d) {
    return new PersonaTiming(d, turnGap, bargeInAfter, hangUpAfter, bargeInTurn);
  }

  /** This timing interrupting any agent turn after {@code d} of its speech. */
  public PersonaTiming bargingInAfter(Duration d) {
    return new PersonaTiming(ringFor, turnGap, Optional.of(d), hangUpAfter, 0);
  }

  /** This timing interrupting only the agent's {@code turn}-th turn (1-based) after {@code d}. */
  public PersonaTiming bargingIntoTurn(int turn, Duration d) {
    return new PersonaTiming(ringFor, turnGap, Optional.of(d), hangUpAfter, turn);
  }

  /** This timing hanging up {@code d} after answering. */
  public PersonaTiming hangingUpAfter(Duration d) {
    return new PersonaTiming(ringFor, turnGap, bargeInAfter, Optional.of(d), bargeInTurn);
  }
}
