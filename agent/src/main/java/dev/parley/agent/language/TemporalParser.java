package dev.parley.agent.language;

import dev.parley.agent.language.DateTimeExtractor.DatePart;
import dev.parley.agent.language.DateTimeExtractor.Part;
import dev.parley.agent.language.DateTimeExtractor.TimeKind;
import dev.parley.agent.language.DateTimeExtractor.TimePart;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

/**
 * Recognises the date and time pieces of one utterance; {@link DateTimeExtractor} joins them. Dates
 * and relative offsets ("in two hours") are read here, times of day by {@link TimeOfDayParser}.
 */
final class TemporalParser {

  private final List<Token> t;
  private final ZonedDateTime ref;
  private final LocalDate today;
  private final List<Part> parts = new ArrayList<>();
  private final TimeOfDayParser times;

  TemporalParser(List<Token> tokens, ZonedDateTime reference) {
    this.t = tokens;
    this.ref = reference;
    this.today = reference.toLocalDate();
    this.times = new TimeOfDayParser(tokens, parts);
  }

  List<Part> parse() {
    int i = 0;
    while (i < t.size()) {
      int next = tryRelative(i);
      if (next == i) {
        next = tryDate(i);
      }
      if (next == i) {
        next = times.tryTime(i);
      }
      i = next > i ? next : i + 1;
    }
    return parts;
  }

  private String w(int i) {
    return word(t, i);
  }

  /**
   * The text of token {@code i}, or "" outside the utterance (so look-ahead needs no bounds check).
   */
  static String word(List<Token> tokens, int i) {
    return i >= 0 && i < tokens.size() ? tokens.get(i).text() : "";
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
}
