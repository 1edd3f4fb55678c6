package dev.parley.agent.language;

import dev.parley.agent.language.DateTimeExtractor.DatePart;
import dev.parley.agent.language.DateTimeExtractor.Part;
import dev.parley.agent.language.DateTimeExtractor.TimeKind;
import dev.parley.agent.language.DateTimeExtractor.TimePart;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Recognises the date and time pieces of one utterance; {@link DateTimeExtractor} joins them. */
final class TemporalParser {

  private static final Set<String> BEFORE = Set.of("before", "by", "until", "till", "til");
  private static final Set<String> TIME_CUE = Set.of("at", "around", "about", "from", "between");

  private final List<Token> t;
  private final ZonedDateTime ref;
  private final LocalDate today;
  private final List<Part> parts = new ArrayList<>();

  TemporalParser(List<Token> tokens, ZonedDateTime reference) {
    this.t = tokens;
    this.ref = reference;
    this.today = reference.toLocalDate();
  }

  List<Part> parse() {
    int i = 0;
    while (i < t.size()) {
      int next = tryRelative(i);
      if (next == i) {
        next = tryDate(i);
      }
      if (next == i) {
        next = tryTime(i);
      }
      i = next > i ? next : i + 1;
    }
    return parts;
  }

  private String w(int i) {
    return i >= 0 && i < t.size() ? t.get(i).text() : "";
  }

  private boolean num(int i) {
    return i >= 0 && i < t.size() && t.get(i).isNumber() && t.get(i).isInteger();
  }

  // "in two hours", "in 30 minutes", "in an hour", "in half an hour", "in 3 days", "in a week"
  private int tryRelative(int i) {
    if (!w(i).equals("in")) {
      return i;
    }
    int k = i + 1;
    double n;
    if (w(k).equals("half") && (w(k + 1).equals("an") || w(k + 1).equals("a"))) {
      n = 0.5;
      k += 2;
    } else if (w(k).equals("a") || w(k).equals("an")) {
      n = 1;
      k++;
    } else if (num(k)) {
      n = t.get(k).intValue();
      k++;
    } else {
      return i;
    }
    Duration unit = DateTimeExtractor.unit(w(k));
    if (unit != null) {
      ZonedDateTime at = ref.plusSeconds((long) (unit.getSeconds() * n));
      parts.add(new Part(i, k, null, null, at));
      return k + 1;
    }
    int days =
        switch (w(k)) {
          case "day", "days" -> (int) n;
          case "week", "weeks" -> (int) (n * 7);
          default -> -1;
        };
    if (days < 0) {
      return i;
    }
    LocalDate d = today.plusDays(days);
    parts.add(new Part(i, k, new DatePart(d, d), null, null));
    return k + 1;
  }

  private int tryDate(int i) {
    String a = w(i);
    String b = w(i + 1);
    String c = w(i + 2);
    LocalDate sunday = today.with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY));
    switch (a) {
      case "today" -> {
        return date(i, i, today, today);
      }
      case "tonight" -> {
        parts.add(
            new Part(
                i,
                i,
                new DatePart(today, today),
                new TimePart(TimeKind.PART, null, null, PartOfDay.EVENING, true),
                null));
        return i + 1;
      }
      case "tomorrow" -> {
        return date(i, i, today.plusDays(1), today.plusDays(1));
      }
      case "day" -> {
        if (b.equals("after") && c.equals("tomorrow")) {
          return date(i, i + 2, today.plusDays(2), today.plusDays(2));
        }
      }
      case "this", "next", "coming", "later", "the", "end", "on" -> {
        int k = i;
        boolean next = a.equals("next");
        if (a.equals("later") && b.equals("this")) {
          k = i + 1;
        }
        if (a.equals("end") && b.equals("of")) {
          k = c.equals("the") || c.equals("this") ? i + 3 : i + 2;
          if (w(k).equals("week")) {
            LocalDate friday = today.with(TemporalAdjusters.nextOrSame(DayOfWeek.FRIDAY));
            return date(i, k, today, friday.isBefore(today) ? sunday : friday);
          }
          return i;
        }
        if (a.equals("the") && b.equals("coming")) {
          k = i + 1;
        }
        String unit = w(k + 1);
        if (unit.equals("week") && !a.equals("the") && !a.equals("on")) {
          if (next) {
            return date(i, k + 1, sunday.plusDays(1), sunday.plusDays(7));
          }
          // Said at the weekend, "this week" is the week ahead, not the day or two that remain.
          boolean weekend =
              today.getDayOfWeek() == DayOfWeek.SATURDAY
                  || today.getDayOfWeek() == DayOfWeek.SUNDAY;
          return date(i, k + 1, today, weekend ? sunday.plusDays(7) : sunday);
        }
        if (unit.equals("weekend") && !a.equals("on")) {
          LocalDate sat = today.getDayOfWeek() == DayOfWeek.SUNDAY ? today : sunday.minusDays(1);
          LocalDate sun = sat.getDayOfWeek() == DayOfWeek.SUNDAY ? sat : sat.plusDays(1);
          return next ? date(i, k + 1, sat.plusDays(7), sun.plusDays(7)) : date(i, k + 1, sat, sun);
        }
        if (unit.equals("month") && !a.equals("on") && !a.equals("the")) {
          LocalDate first = next ? today.plusMonths(1).withDayOfMonth(1) : today;
          return date(i, k + 1, first, first.with(TemporalAdjusters.lastDayOfMonth()));
        }
        DayOfWeek dow = DateTimeExtractor.weekday(unit);
        if (dow != null) {
          LocalDate d;
          if (next) {
            d = DateTimeExtractor.nextWeekday(today, dow, false);
            if (!d.isAfter(sunday)) {
              d = d.plusDays(7);
            }
          } else {
            d = DateTimeExtractor.nextWeekday(today, dow, a.equals("this"));
          }
          return date(i, k + 1, d, d);
        }
        if (a.equals("the") || a.equals("on")) {
          int n = a.equals("on") && b.equals("the") ? i + 2 : i + 1;
          // "the first" is usually "the first table", so a spelled ordinal is a date only after
          // "on" or before "of <month>"; "the 24th" always is.
          if (t.size() > n
              && t.get(n).kind() == Token.Kind.ORDINAL
              && (!t.get(n).spelled()
                  || a.equals("on")
                  || (w(n + 1).equals("of") && DateTimeExtractor.month(w(n + 2)) != null))) {
            return dayOfMonth(i, n);
          }
        }
        return i;
      }
      default -> {}
    }
    DayOfWeek dow = DateTimeExtractor.weekday(a);
    if (dow != null) {
      // "Monday the 24th" is one date; the day of month wins.
      if (b.equals("the") && i + 2 < t.size() && t.get(i + 2).kind() == Token.Kind.ORDINAL) {
        return dayOfMonth(i, i + 2);
      }
      LocalDate d = DateTimeExtractor.nextWeekday(today, dow, false);
      return date(i, i, d, d);
    }
    Integer month = DateTimeExtractor.month(a);
    if (month != null && !(a.equals("may") && !isDayNumber(i + 1))) {
      int k = i + 1;
      if (w(k).equals("the")) {
        k++;
      }
      if (isDayNumber(k)) {
        return monthDay(i, k, month, t.get(k).intValue());
      }
      return i;
    }
    // "24th of November"
    if (i < t.size() && t.get(i).kind() == Token.Kind.ORDINAL && b.equals("of")) {
      Integer m = DateTimeExtractor.month(c);
      if (m != null) {
        return monthDay(i, i + 2, m, t.get(i).intValue());
      }
    }
    // "11/24" (US month/day)
    if (num(i) && b.equals("/") && num(i + 2)) {
      int m = t.get(i).intValue();
      int d = t.get(i + 2).intValue();
      if (m >= 1 && m <= 12 && d >= 1 && d <= 31) {
        return monthDay(i, i + 2, m, d);
      }
    }
    return i;
  }

  private boolean isDayNumber(int k) {
    if (k >= t.size()) {
      return false;
    }
    Token x = t.get(k);
    return (x.kind() == Token.Kind.ORDINAL || (x.isNumber() && x.isInteger()))
        && x.intValue() >= 1
        && x.intValue() <= 31;
  }

  private int monthDay(int s, int e, int month, int day) {
    int end = e;
    int year = today.getYear();
    boolean explicitYear = false;
    int y = w(e + 1).equals(",") ? e + 2 : e + 1;
    if (num(y) && t.get(y).intValue() >= 2000 && t.get(y).intValue() < 2200) {
      year = t.get(y).intValue();
      explicitYear = true;
      end = y;
    }
    try {
      LocalDate d = LocalDate.of(year, month, day);
      if (!explicitYear && d.isBefore(today)) {
        d = d.plusYears(1);
      }
      return date(s, end, d, d);
    } catch (DateTimeException invalid) {
      return s;
    }
  }

  private int dayOfMonth(int s, int ordIndex) {
    int day = t.get(ordIndex).intValue();
    if (day < 1 || day > 31) {
      return s;
    }
    String m = w(ordIndex + 1).equals("of") ? w(ordIndex + 2) : "";
    Integer month = DateTimeExtractor.month(m);
    if (month != null) {
      return monthDay(s, ordIndex + 2, month, day);
    }
    LocalDate base = today.withDayOfMonth(1);
    for (int add = 0; add < 3; add++) {
      LocalDate monthStart = base.plusMonths(add);
      if (day <= monthStart.lengthOfMonth()) {
        LocalDate d = monthStart.withDayOfMonth(day);
        if (!d.isBefore(today)) {
          return date(s, ordIndex, d, d);
        }
      }
    }
    return s;
  }

  private int date(int s, int e, LocalDate from, LocalDate to) {
    parts.add(new Part(s, e, new DatePart(from, to), null, null));
    return e + 1;
  }

  // ---- times ----

  /** A clock time read at a token: value, whether am/pm was said, and the last token used. */
  private record Clock(LocalTime time, boolean meridiemKnown, int end) {}

  private int tryTime(int i) {
    String a = w(i);
    if (a.equals("between") || a.equals("from")) {
      Clock lo = clock(i + 1, false);
      if (lo != null
          && (w(lo.end + 1).equals("and")
              || w(lo.end + 1).equals("to")
              || w(lo.end + 1).equals("-"))) {
        Clock hi = clock(lo.end + 2, false);
        if (hi != null) {
          return window(i, lo, hi);
        }
      }
      return i;
    }
    if (BEFORE.contains(a) || a.equals("after")) {
      Clock c = clock(i + 1, false);
      if (c == null && w(i + 1).equals("the") && DateTimeExtractor.part(w(i + 2)) != null) {
        return i;
      }
      if (c != null) {
        TimeKind kind = a.equals("after") ? TimeKind.AFTER : TimeKind.BEFORE;
        parts.add(new Part(i, c.end, null, timePart(kind, c.time, null, c.meridiemKnown), null));
        return c.end + 1;
      }
      return i;
    }
    if (a.equals("first") && w(i + 1).equals("thing")) {
      return part(i, i + 1, PartOfDay.MORNING);
    }
    if (a.equals("lunch") && (w(i + 1).equals("time"))) {
      return part(i, i + 1, PartOfDay.AFTERNOON);
    }
    PartOfDay pod = DateTimeExtractor.part(a);
    if (pod != null && !a.equals("tonight")) {
      int s = i;
      if (w(i - 1).equals("the") && w(i - 2).equals("in")) {
        s = i - 2;
      }
      return part(s, i, pod);
    }
    boolean cued = TIME_CUE.contains(w(i - 1));
    Clock c = clock(i, !cued);
    if (c == null && (w(i + 1).equals("to") || w(i + 1).equals("-"))) {
      // "9 to 11 am": a bare hour is a time when the end of the range says so.
      Clock lo = clock(i, false);
      Clock hi = clock(i + 2, true);
      if (lo != null && hi != null && hi.meridiemKnown) {
        return window(i, lo, hi);
      }
    }
    if (c == null) {
      return i;
    }
    String sep = w(c.end + 1);
    if (sep.equals("-") || sep.equals("to")) {
      Clock hi = clock(c.end + 2, false);
      if (hi != null && (c.meridiemKnown || hi.meridiemKnown || sep.equals("-"))) {
        return window(i, c, hi);
      }
    }
    parts.add(
        new Part(i, c.end, null, timePart(TimeKind.POINT, c.time, null, c.meridiemKnown), null));
    return c.end + 1;
  }

  private int part(int s, int e, PartOfDay pod) {
    parts.add(new Part(s, e, null, new TimePart(TimeKind.PART, null, null, pod, true), null));
    return e + 1;
  }

  private int window(int s, Clock lo, Clock hi) {
    LocalTime a = lo.time;
    LocalTime b = hi.time;
    boolean known = lo.meridiemKnown || hi.meridiemKnown;
    if (!lo.meridiemKnown && hi.meridiemKnown) {
      // "between 2 and 4pm": the first hour shares the second's half of the day.
      LocalTime same = LocalTime.of(a.getHour() % 12 + (b.getHour() >= 12 ? 12 : 0), a.getMinute());
      a = same.isBefore(b) ? same : a;
    }
    if (!b.isAfter(a) && !hi.meridiemKnown && b.getHour() < 12) {
      b = b.plusHours(12);
    }
    if (!b.isAfter(a)) {
      return s;
    }
    parts.add(new Part(s, hi.end, null, new TimePart(TimeKind.WINDOW, a, b, null, known), null));
    return hi.end + 1;
  }

  private static TimePart timePart(TimeKind kind, LocalTime a, LocalTime b, boolean known) {
    return new TimePart(kind, a, b, null, known);
  }

  /**
   * Reads a clock time at {@code i}: "10:30", "10:30 am", "3pm", "3 o'clock", "noon", "half past
   * 3"; a bare hour only when {@code strict} is false (it followed "at", "between", ...).
   */
  private Clock clock(int i, boolean strict) {
    if (i >= t.size()) {
      return null;
    }
    String a = w(i);
    if (a.equals("noon") || a.equals("midday")) {
      return new Clock(LocalTime.NOON, true, i);
    }
    if (a.equals("midnight")) {
      return new Clock(LocalTime.of(23, 59), true, i);
    }
    if ((a.equals("half") || a.equals("quarter"))
        && (w(i + 1).equals("past") || w(i + 1).equals("to") || w(i + 1).equals("after"))) {
      Clock h = clock(i + 2, false);
      if (h == null || h.time.getMinute() != 0) {
        return null;
      }
      int minutes = a.equals("half") ? 30 : 15;
      LocalTime at =
          w(i + 1).equals("to") ? h.time.minusMinutes(minutes) : h.time.plusMinutes(minutes);
      return new Clock(at, h.meridiemKnown, h.end);
    }
    Token x = t.get(i);
    int hour;
    int minute = 0;
    int end = i;
    boolean cueFound = false;
    if (x.kind() == Token.Kind.CLOCK) {
      hour = x.intValue() / 100;
      minute = x.intValue() % 100;
      cueFound = true;
    } else if (x.isNumber() && x.isInteger()) {
      hour = x.intValue();
      // Spoken "ten thirty": an hour followed by minutes.
      if (x.spelled()
          && hour <= 12
          && i + 1 < t.size()
          && t.get(i + 1).isNumber()
          && t.get(i + 1).spelled()
          && t.get(i + 1).intValue() >= 10
          && t.get(i + 1).intValue() < 60) {
        minute = t.get(i + 1).intValue();
        end = i + 1;
        cueFound = true;
      } else if (!x.spelled()
          && x.text().length() == 4
          && hour >= 100
          && hour < 2400
          && w(i + 1).matches("am|pm")) {
        minute = hour % 100;
        hour = hour / 100;
      }
    } else {
      return null;
    }
    if (hour > 23 || minute > 59) {
      return null;
    }
    String mer = w(end + 1);
    boolean known = false;
    if (mer.equals("am") || mer.equals("pm")) {
      if (hour > 12 || hour == 0) {
        return null;
      }
      hour = hour % 12 + (mer.equals("pm") ? 12 : 0);
      known = true;
      end++;
    } else if (mer.equals("o'clock") || (mer.equals("o") && w(end + 2).equals("clock"))) {
      end += mer.equals("o") ? 2 : 1;
      cueFound = true;
    } else if (mer.equals("in")
        && w(end + 2).equals("the")
        && DateTimeExtractor.part(w(end + 3)) != null) {
      PartOfDay pod = DateTimeExtractor.part(w(end + 3));
      if (hour <= 12) {
        hour = hour % 12 + (pod == PartOfDay.MORNING ? 0 : 12);
        known = true;
      }
      end += 3;
    } else if (strict && !cueFound) {
      return null;
    }
    if (!known && hour > 12) {
      known = true;
    }
    if (!known && hour >= 1 && hour <= 12) {
      // Business hours: "at 3" is 3 pm, "at 9" is 9 am, "at 12" is noon.
      if (hour <= 6 || hour == 12) {
        hour = hour == 12 ? 12 : hour + 12;
      }
    } else if (!known && hour == 0 && x.kind() != Token.Kind.CLOCK) {
      return null;
    }
    return new Clock(LocalTime.of(hour, minute), known, end);
  }
}
