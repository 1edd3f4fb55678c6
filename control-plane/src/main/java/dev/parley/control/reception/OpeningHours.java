package dev.parley.control.reception;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Opening hours as a receptionist says them: "Monday to Friday, 8 AM to 6 PM, Saturday, 9 AM to 1
 * PM".
 */
final class OpeningHours {
  private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("h a", Locale.US);
  private static final DateTimeFormatter HOUR_MINUTE =
      DateTimeFormatter.ofPattern("h:mm a", Locale.US);

  private OpeningHours() {}

  /** {@code hours} maps ISO weekdays (1 = Monday) to {opens, closes}. */
  static String spoken(Map<Integer, LocalTime[]> hours) {
    List<String> parts = new ArrayList<>();
    int day = 1;
    while (day <= 7) {
      LocalTime[] h = hours.get(day);
      if (h == null) {
        day++;
        continue;
      }
      int last = day;
      while (last < 7 && same(hours.get(last + 1), h)) {
        last++;
      }
      String days =
          last == day ? name(day) : name(day) + (last == day + 1 ? " and " : " to ") + name(last);
      parts.add(days + ", " + time(h[0]) + " to " + time(h[1]));
      day = last + 1;
    }
    return parts.isEmpty() ? "by appointment only" : String.join("; ", parts);
  }

  private static boolean same(LocalTime[] a, LocalTime[] b) {
    return a != null && Objects.equals(a[0], b[0]) && Objects.equals(a[1], b[1]);
  }

  private static String name(int isoDay) {
    return DayOfWeek.of(isoDay).getDisplayName(TextStyle.FULL, Locale.US);
  }

  private static String time(LocalTime t) {
    return (t.getMinute() == 0 ? HOUR : HOUR_MINUTE).format(t);
  }
}
