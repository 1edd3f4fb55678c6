package dev.parley.agent.planning;

import dev.parley.agent.language.PartOfDay;
import java.time.ZonedDateTime;

/**
 * When the thing the call arranges should happen.
 *
 * @param earliest the earliest acceptable time
 * @param latest the latest acceptable time
 * @param preferredPartOfDay the part of the day asked for, or null
 * @param raw the words of the instruction this came from
 */
public record TimeWindow(
    ZonedDateTime earliest, ZonedDateTime latest, PartOfDay preferredPartOfDay, String raw) {

  /** True when {@code t} falls within the window. */
  public boolean contains(ZonedDateTime t) {
    return !t.isBefore(earliest) && !t.isAfter(latest);
  }
}
