package dev.parley.control.web;

import java.util.List;

/** A requested state change that the entity's state machine does not allow (409). */
public final class IllegalTransitionException extends ProblemException {
  private final String from;
  private final String to;

  public IllegalTransitionException(String entity, String from, String to) {
    super(
        new Problem(
            Problem.TYPE_BASE + "illegal-transition",
            "Conflict",
            409,
            entity + " is " + from + " and cannot become " + to,
            List.of(),
            from,
            null));
    this.from = from;
    this.to = to;
  }

  public String from() {
    return from;
  }

  public String to() {
    return to;
  }
}
