package dev.parley.agent.language;

import dev.parley.agent.language.DateTimeExtractor.Part;
import dev.parley.agent.language.DateTimeExtractor.TimeKind;
import dev.parley.agent.language.DateTimeExtractor.TimePart;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;

/**
 * Recognises the times of day in one utterance for {@link TemporalParser}: clock times ("10:30 am",
 * "half past 3", "at 3" read as business hours), windows ("between 2 and 4pm", "9 to 11 am"),
 * bounds ("before 5") and parts of the day ("in the morning", "first thing"). Its own class because
 * reading a spoken clock time is a grammar of its own, apart from reading dates.
 */
final class TimeOfDayParser {

  private static final Set<String> BEFORE = Set.of("before", "by", "until", "till", "til");
  private static final Set<String> TIME_CUE = Set.of("at", "around", "about", "from", "between");

  private final List<Token> t;
  private final List<Part> parts;

  /**
   * Reads {@code tokens}, adding what it recognises to {@code parts} (shared with the date parser).
   */
  TimeOfDayParser(List<Token> tokens, List<Part> parts) {
    this.t = tokens;
    this.parts = parts;
  }

  private String w(int i) {
    return TemporalParser.word(t, i);
  }

  /** A clock time read at a token: value, whether am/pm was said, and the last token used. */
  private record Clock(LocalTime time, boolean meridiemKnown, int end) {}

  /**
   * Reads a time of day starting at token {@code i}; returns the next token, or {@code i} if none.
   */
  int tryTime(int i) {
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
