package dev.parley.agent.language;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds dates, times and windows in English text and resolves them against a reference time: "this
 * week", "next Tuesday", "Thursday morning", "tomorrow at 3", "before 5pm", "November 24th at 10:30
 * am", "the 24th", "noon", "in two hours", "between 2 and 4". Thread-safe.
 *
 * <p>Conventions: a bare weekday is the next one after today; "this Tuesday" may be today; "next
 * Tuesday" is the Tuesday of next week. A bare hour without am/pm is read as a business hour (1–6
 * afternoon, 7–11 morning) unless a part of the day says otherwise.
 */
public final class DateTimeExtractor {

  private static final Map<String, DayOfWeek> WEEKDAYS =
      Map.ofEntries(
          Map.entry("monday", DayOfWeek.MONDAY),
          Map.entry("mon", DayOfWeek.MONDAY),
          Map.entry("tuesday", DayOfWeek.TUESDAY),
          Map.entry("tues", DayOfWeek.TUESDAY),
          Map.entry("wednesday", DayOfWeek.WEDNESDAY),
          Map.entry("thursday", DayOfWeek.THURSDAY),
          Map.entry("thurs", DayOfWeek.THURSDAY),
          Map.entry("friday", DayOfWeek.FRIDAY),
          Map.entry("saturday", DayOfWeek.SATURDAY),
          Map.entry("sunday", DayOfWeek.SUNDAY));
  private static final Map<String, Integer> MONTHS =
      Map.ofEntries(
          Map.entry("january", 1),
          Map.entry("jan", 1),
          Map.entry("february", 2),
          Map.entry("feb", 2),
          Map.entry("march", 3),
          Map.entry("april", 4),
          Map.entry("apr", 4),
          Map.entry("may", 5),
          Map.entry("june", 6),
          Map.entry("july", 7),
          Map.entry("august", 8),
          Map.entry("aug", 8),
          Map.entry("september", 9),
          Map.entry("sept", 9),
          Map.entry("sep", 9),
          Map.entry("october", 10),
          Map.entry("oct", 10),
          Map.entry("november", 11),
          Map.entry("nov", 11),
          Map.entry("december", 12),
          Map.entry("dec", 12));
  private static final Map<String, PartOfDay> PARTS =
      Map.of(
          "morning", PartOfDay.MORNING,
          "mornings", PartOfDay.MORNING,
          "afternoon", PartOfDay.AFTERNOON,
          "afternoons", PartOfDay.AFTERNOON,
          "evening", PartOfDay.EVENING,
          "evenings", PartOfDay.EVENING,
          "night", PartOfDay.NIGHT,
          "tonight", PartOfDay.EVENING,
          "lunchtime", PartOfDay.AFTERNOON);

  /** Tokens allowed between a date and a time that belong to one mention. */
  private static final Set<String> GLUE =
      Set.of("at", "on", "in", "the", ",", "around", "about", "sometime", "-", "for", "of");

  /** Returns every temporal mention in {@code text}, resolved against {@code reference}. */
  public List<TemporalMention> extract(String text, ZonedDateTime reference) {
    List<Token> t = Tokenizer.tokenize(text);
    List<Part> parts = new TemporalParser(t, reference).parse();
    List<TemporalMention> out = new ArrayList<>();
    int i = 0;
    while (i < parts.size()) {
      Part first = parts.get(i);
      DatePart date = first.date;
      TimePart time = first.time;
      ZonedDateTime relative = first.relative;
      int s = first.s;
      int e = first.e;
      int j = i + 1;
      while (j < parts.size() && relative == null && glued(t, e, parts.get(j).s)) {
        Part p = parts.get(j);
        if (p.relative != null) {
          break;
        }
        if (p.date != null) {
          if (date != null && !(date.single() && p.date.single())) {
            break;
          }
          date = p.date;
        }
        if (p.time != null) {
          if (time != null && !(time.kind == TimeKind.PART && p.time.kind != TimeKind.PART)) {
            break;
          }
          PartOfDay pod = time != null ? time.pod : null;
          time = p.time.withContext(pod);
        }
        e = p.e;
        j++;
      }
      String raw = text.substring(t.get(s).start(), t.get(e).end());
      out.add(resolve(date, time, relative, reference, raw));
      i = j;
    }
    return out;
  }

  /** Returns the first mention, or null. */
  public TemporalMention first(String text, ZonedDateTime reference) {
    List<TemporalMention> all = extract(text, reference);
    return all.isEmpty() ? null : all.get(0);
  }

  private static boolean glued(List<Token> t, int end, int nextStart) {
    if (nextStart - end - 1 > 2) {
      return false;
    }
    for (int k = end + 1; k < nextStart; k++) {
      if (!GLUE.contains(t.get(k).text())) {
        return false;
      }
    }
    return true;
  }

  private static TemporalMention resolve(
      DatePart date, TimePart time, ZonedDateTime relative, ZonedDateTime ref, String raw) {
    if (relative != null) {
      return new TemporalMention(
          TemporalMention.Kind.POINT, relative, relative, null, true, true, raw);
    }
    LocalDate today = ref.toLocalDate();
    boolean hasDate = date != null;
    LocalDate from = hasDate ? date.from : today;
    LocalDate to = hasDate ? date.to : today;
    if (time == null) {
      ZonedDateTime start = at(from, LocalTime.MIDNIGHT, ref);
      if (start.isBefore(ref)) {
        start = ref;
      }
      ZonedDateTime end = at(to, LocalTime.of(23, 59, 59), ref);
      return new TemporalMention(TemporalMention.Kind.WINDOW, start, end, null, true, false, raw);
    }
    // A time without a day means the next time it comes round.
    if (!hasDate && endOf(time, from, ref).isBefore(ref)) {
      from = from.plusDays(1);
      to = to.plusDays(1);
    }
    PartOfDay pod = time.pod;
    return switch (time.kind) {
      case POINT -> {
        ZonedDateTime at = at(from, time.a, ref);
        yield new TemporalMention(
            TemporalMention.Kind.POINT,
            at,
            from.equals(to) ? at : at(to, time.a, ref),
            pod != null ? pod : PartOfDay.of(time.a),
            hasDate,
            true,
            raw);
      }
      case WINDOW ->
          new TemporalMention(
              TemporalMention.Kind.WINDOW,
              at(from, time.a, ref),
              at(to, time.b, ref),
              pod,
              hasDate,
              true,
              raw);
      case PART ->
          new TemporalMention(
              TemporalMention.Kind.WINDOW,
              notBefore(at(from, pod.start(), ref), ref),
              at(to, pod.end(), ref),
              pod,
              hasDate,
              true,
              raw);
      case BEFORE ->
          new TemporalMention(
              TemporalMention.Kind.BEFORE,
              notBefore(at(from, LocalTime.MIDNIGHT, ref), ref),
              at(to, time.a, ref),
              pod,
              hasDate,
              true,
              raw);
      case AFTER ->
          new TemporalMention(
              TemporalMention.Kind.AFTER,
              at(from, time.a, ref),
              at(to, LocalTime.of(23, 59, 59), ref),
              pod,
              hasDate,
              true,
              raw);
    };
  }

  private static ZonedDateTime endOf(TimePart time, LocalDate day, ZonedDateTime ref) {
    LocalTime end =
        switch (time.kind) {
          case POINT, BEFORE, AFTER -> time.a;
          case WINDOW -> time.b;
          case PART -> time.pod.end();
        };
    return at(day, end, ref);
  }

  private static ZonedDateTime notBefore(ZonedDateTime t, ZonedDateTime ref) {
    return t.isBefore(ref) ? ref.truncatedTo(ChronoUnit.MINUTES) : t;
  }

  private static ZonedDateTime at(LocalDate d, LocalTime t, ZonedDateTime ref) {
    return ZonedDateTime.of(d, t, ref.getZone());
  }

  enum TimeKind {
    POINT,
    WINDOW,
    PART,
    BEFORE,
    AFTER
  }

  record DatePart(LocalDate from, LocalDate to) {
    boolean single() {
      return from.equals(to);
    }
  }

  record TimePart(TimeKind kind, LocalTime a, LocalTime b, PartOfDay pod, boolean meridiemKnown) {
    /** Re-reads an hour without am/pm in the light of a part of the day said before it. */
    TimePart withContext(PartOfDay context) {
      if (context == null) {
        return this;
      }
      if (meridiemKnown || kind == TimeKind.PART) {
        return new TimePart(kind, a, b, pod != null ? pod : context, meridiemKnown);
      }
      boolean pm = context != PartOfDay.MORNING;
      return new TimePart(kind, flip(a, pm), flip(b, pm), context, true);
    }

    private static LocalTime flip(LocalTime t, boolean pm) {
      if (t == null) {
        return null;
      }
      int h = t.getHour() % 12;
      return t.withHour(pm ? h + 12 : h);
    }
  }

  /** One recognised piece: a date, a time, or an instant relative to now. Spans are tokens. */
  static final class Part {
    final int s;
    final int e;
    final DatePart date;
    final TimePart time;
    final ZonedDateTime relative;

    Part(int s, int e, DatePart date, TimePart time, ZonedDateTime relative) {
      this.s = s;
      this.e = e;
      this.date = date;
      this.time = time;
      this.relative = relative;
    }
  }

  static Duration unit(String w) {
    return switch (w) {
      case "minute", "minutes", "min", "mins" -> Duration.ofMinutes(1);
      case "hour", "hours", "hr", "hrs" -> Duration.ofHours(1);
      default -> null;
    };
  }

  static DayOfWeek weekday(String w) {
    return WEEKDAYS.get(w);
  }

  static Integer month(String w) {
    return MONTHS.get(w);
  }

  static PartOfDay part(String w) {
    return PARTS.get(w);
  }

  static LocalDate nextWeekday(LocalDate today, DayOfWeek dow, boolean includeToday) {
    return includeToday
        ? today.with(TemporalAdjusters.nextOrSame(dow))
        : today.with(TemporalAdjusters.next(dow));
  }
}
