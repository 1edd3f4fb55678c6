package dev.parley.emulator.callee;

import java.util.Objects;

/**
 * SIMULATION ONLY: one step of a scripted callee, taken when it is the callee's turn.
 *
 * @param kind what the callee does
 * @param argument the line to speak or the digits to press; empty for a hang-up
 */
public record CalleeTurn(Kind kind, String argument) {

  /** What a turn does. */
  public enum Kind {
    /** Speak a line. */
    SAY,
    /** Press DTMF digits (reported as Media Streams {@code dtmf} events). */
    PRESS,
    /** Hang up. */
    HANG_UP
  }

  public CalleeTurn {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(argument, "argument");
  }

  /** Speak {@code line}. */
  public static CalleeTurn say(String line) {
    return new CalleeTurn(Kind.SAY, line);
  }

  /** Press {@code digits} (0-9, *, #, A-D). */
  public static CalleeTurn press(String digits) {
    if (!digits.matches("[0-9*#A-D]+")) {
      throw new IllegalArgumentException("not DTMF digits: " + digits);
    }
    return new CalleeTurn(Kind.PRESS, digits);
  }

  /** Hang up. */
  public static CalleeTurn hangUp() {
    return new CalleeTurn(Kind.HANG_UP, "");
  }
}
