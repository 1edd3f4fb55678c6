package dev.parley.agent.language;

import java.time.ZonedDateTime;

/**
 * A date, time or window mentioned in text, resolved against a reference time in the speaker's
 * zone.
 *
 * @param kind whether this is a point in time, a window, a deadline or a not-before bound
 * @param start the earliest instant meant (for {@link Kind#POINT} the instant itself)
 * @param end the latest instant meant (for {@link Kind#POINT} equal to {@code start})
 * @param partOfDay the part of the day named or implied, or null
 * @param hasDate true when the text named a day ("Tuesday", "the 24th", "tomorrow")
 * @param hasTime true when the text named a clock time or a part of the day
 * @param raw the fragment of the original text that was matched
 */
public record TemporalMention(
    Kind kind,
    ZonedDateTime start,
    ZonedDateTime end,
    PartOfDay partOfDay,
    boolean hasDate,
    boolean hasTime,
    String raw) {

  /** What shape of time the mention describes. */
  public enum Kind {
    POINT,
    WINDOW,
    BEFORE,
    AFTER
  }
}
