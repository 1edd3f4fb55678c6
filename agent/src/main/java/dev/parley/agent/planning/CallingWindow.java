package dev.parley.agent.planning;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Set;

/**
 * When the agent may place calls, in the callee's local time.
 *
 * @param start earliest local time of day
 * @param end latest local time of day
 * @param days the days of the week calls are allowed
 */
public record CallingWindow(LocalTime start, LocalTime end, Set<DayOfWeek> days) {

  /** 9:00–20:00 every day, the common reading of telemarketing quiet hours. */
  public static CallingWindow standard() {
    return new CallingWindow(
        LocalTime.of(9, 0), LocalTime.of(20, 0), EnumSet.allOf(DayOfWeek.class));
  }

  /** True when {@code at} (already in the callee's zone) is inside the window. */
  public boolean allows(ZonedDateTime at) {
    LocalTime t = at.toLocalTime();
    return days.contains(at.getDayOfWeek()) && !t.isBefore(start) && t.isBefore(end);
  }
}
