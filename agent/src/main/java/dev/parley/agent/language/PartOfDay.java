package dev.parley.agent.language;

import java.time.LocalTime;

/** A named part of the day with the hours a person usually means by it. */
public enum PartOfDay {
  MORNING(LocalTime.of(8, 0), LocalTime.of(12, 0)),
  AFTERNOON(LocalTime.of(12, 0), LocalTime.of(17, 0)),
  EVENING(LocalTime.of(17, 0), LocalTime.of(21, 0)),
  NIGHT(LocalTime.of(19, 0), LocalTime.of(23, 0));

  private final LocalTime start;
  private final LocalTime end;

  PartOfDay(LocalTime start, LocalTime end) {
    this.start = start;
    this.end = end;
  }

  /** When this part of the day starts. */
  public LocalTime start() {
    return start;
  }

  /** When this part of the day ends. */
  public LocalTime end() {
    return end;
  }

  /** The part of the day a clock time falls in. */
  public static PartOfDay of(LocalTime time) {
    if (time.isBefore(LocalTime.NOON)) {
      return MORNING;
    }
    if (time.isBefore(LocalTime.of(17, 0))) {
      return AFTERNOON;
    }
    return time.isBefore(LocalTime.of(21, 0)) ? EVENING : NIGHT;
  }
}
