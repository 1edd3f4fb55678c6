package dev.parley.emulator.callee;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * SIMULATION ONLY: how a simulated number behaves when dialled.
 *
 * @param outcome what happens to the call attempt
 * @param ringFor how long it rings before the outcome (answer, busy, failure)
 * @param hangUpAfter if present, the callee hangs up this long after the application reached them:
 *     its Media Stream started, or its TwiML began with a verb they hear (not from the answer, so a
 *     slow TwiML fetch or stream set-up does not eat into the conversation)
 * @param script what the callee does on its turns
 * @param speaksFirst whether the callee's first turn is taken at once on answer ("Hello?")
 * @param turnGap silence after the agent's speech that ends the agent's turn
 * @param stallPatience if present, the silence the callee waits out instead of {@code turnGap} when
 *     the agent's speech stopped dead, straight from a sound into the line's silence, rather than
 *     trailing off: its audio stalled mid-word (synthesis late, a loaded machine) and a listener
 *     expects the rest of the sentence
 * @param bargeInAfter if present, the callee starts its next line once the agent has been talking
 *     this long, without waiting for the agent to finish
 * @param echo if present, the agent's audio comes back on the line at this level and delay
 */
public record CalleeBehaviour(
    Outcome outcome,
    Duration ringFor,
    Optional<Duration> hangUpAfter,
    List<CalleeTurn> script,
    boolean speaksFirst,
    Duration turnGap,
    Optional<Duration> stallPatience,
    Optional<Duration> bargeInAfter,
    Optional<EchoSettings> echo) {

  /** What a call attempt to this number ends in. */
  public enum Outcome {
    /** A person answers ({@code AnsweredBy=human}). */
    ANSWER_HUMAN,
    /** Voicemail answers ({@code AnsweredBy=machine_start}) and plays its greeting. */
    ANSWER_MACHINE,
    /** The line is busy. */
    BUSY,
    /** It rings until the call's Timeout. */
    NO_ANSWER,
    /** The number cannot be reached. */
    FAILED
  }

  public CalleeBehaviour {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(ringFor, "ringFor");
    Objects.requireNonNull(hangUpAfter, "hangUpAfter");
    script = List.copyOf(script);
    Objects.requireNonNull(turnGap, "turnGap");
    Objects.requireNonNull(stallPatience, "stallPatience");
    Objects.requireNonNull(bargeInAfter, "bargeInAfter");
    Objects.requireNonNull(echo, "echo");
  }

  /** Whether the call is answered at all. */
  public boolean answers() {
    return outcome == Outcome.ANSWER_HUMAN || outcome == Outcome.ANSWER_MACHINE;
  }

  /** A person who answers, says hello and then speaks {@code lines} one per turn. */
  public static Builder human(String... lines) {
    Builder b = new Builder(Outcome.ANSWER_HUMAN).speaksFirst(true);
    for (String line : lines) {
      b.say(line);
    }
    return b;
  }

  /** Voicemail: plays {@code greeting} at once, then a beep, then listens. */
  public static Builder machine(String greeting) {
    return new Builder(Outcome.ANSWER_MACHINE).speaksFirst(true).say(greeting);
  }

  /** A person who did not expect the call and hangs up after saying so. */
  public static Builder wrongNumber() {
    return human("Hello?", "Sorry, I think you have the wrong number.").hangUp();
  }

  /** Busy line. */
  public static Builder busy() {
    return new Builder(Outcome.BUSY).ringFor(Duration.ofMillis(300));
  }

  /** Rings until the call's Timeout. */
  public static Builder noAnswer() {
    return new Builder(Outcome.NO_ANSWER);
  }

  /** Unreachable number. */
  public static Builder failed() {
    return new Builder(Outcome.FAILED).ringFor(Duration.ofMillis(100));
  }

  /** Copy of this behaviour for editing. */
  public Builder toBuilder() {
    Builder b = new Builder(outcome);
    b.ringFor = ringFor;
    b.hangUpAfter = hangUpAfter.orElse(null);
    b.script.addAll(script);
    b.speaksFirst = speaksFirst;
    b.turnGap = turnGap;
    b.stallPatience = stallPatience.orElse(null);
    b.bargeInAfter = bargeInAfter.orElse(null);
    b.echo = echo.orElse(null);
    return b;
  }

  /** Builds a {@link CalleeBehaviour}. */
  public static final class Builder {
    private final Outcome outcome;
    private Duration ringFor = Duration.ofMillis(400);
    private Duration hangUpAfter;
    private final List<CalleeTurn> script = new ArrayList<>();
    private boolean speaksFirst;
    private Duration turnGap = Duration.ofMillis(700);
    private Duration stallPatience;
    private Duration bargeInAfter;
    private EchoSettings echo;

    private Builder(Outcome outcome) {
      this.outcome = outcome;
    }

    public Builder ringFor(Duration d) {
      this.ringFor = d;
      return this;
    }

    public Builder hangUpAfter(Duration d) {
      this.hangUpAfter = d;
      return this;
    }

    public Builder say(String line) {
      script.add(CalleeTurn.say(line));
      return this;
    }

    public Builder press(String digits) {
      script.add(CalleeTurn.press(digits));
      return this;
    }

    public Builder hangUp() {
      script.add(CalleeTurn.hangUp());
      return this;
    }

    public Builder script(List<CalleeTurn> turns) {
      script.clear();
      script.addAll(turns);
      return this;
    }

    public Builder speaksFirst(boolean b) {
      this.speaksFirst = b;
      return this;
    }

    public Builder turnGap(Duration d) {
      this.turnGap = d;
      return this;
    }

    public Builder stallPatience(Duration d) {
      this.stallPatience = d;
      return this;
    }

    public Builder bargeInAfter(Duration d) {
      this.bargeInAfter = d;
      return this;
    }

    public Builder echo(double levelDb, Duration delay) {
      this.echo = new EchoSettings(levelDb, delay);
      return this;
    }

    public CalleeBehaviour build() {
      return new CalleeBehaviour(
          outcome,
          ringFor,
          Optional.ofNullable(hangUpAfter),
          script,
          speaksFirst,
          turnGap,
          Optional.ofNullable(stallPatience),
          Optional.ofNullable(bargeInAfter),
          Optional.ofNullable(echo));
    }
  }
}
