package dev.parley.agent.llm.reception;

import dev.parley.agent.language.DateTimeExtractor;
import dev.parley.agent.language.TemporalMention;
import dev.parley.agent.llm.SentenceSplitter;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The days with clock times a listener hears in the receptionist's words, sentence after sentence,
 * in the centre's zone: a time ("Thursday at 1 PM"), a bound ("done by 3 pm", "any time after 2")
 * or a window of clock times ("between 2 and 4"), each a claim about the desk's times on that day.
 * A clock time said without a day is heard on the last day named before it: earlier in the same
 * words ("I have Thursday. At 4 PM we could fit you in."), else in the words they answer (the
 * caller's "anything on Thursday?", or the agent's own last offer before that). A clock time with
 * no day before it is not a day-time, nor one in a sentence about opening hours ("we open at 8"),
 * nor a bound in a clause that says there is nothing there ("nothing after 2"). One reply, one
 * instance: the day in mind moves on as it reads. A time or a "by" bound in a sentence that asks
 * the caller to turn up ("Please come at 12:50.", "see you at 12:50", "arrive by 12:50") is marked
 * as an arrival time, which the guard accepts shortly before a time the desk gave on that day
 * ({@link DayTime#arrivalFor}), unless its own clause puts it to the caller as a choice.
 */
final class HeardTimes {

  private static final Pattern WEEKDAY =
      Pattern.compile("\\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\\b");

  /** A month or a day of the month: the date is meant exactly. */
  private static final Pattern EXACT_DATE =
      Pattern.compile(
          "\\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\b|\\d(?:st|nd|rd|th)\\b|\\d{1,2}/\\d{1,2}");

  /**
   * Words of the opening hours, whose clock times are not slots whatever day is in mind: "hours",
   * or the centre opening or closing at, from or until a time or on days ("we open at 8", "we're
   * open Monday to Friday, 8 to 5"). Not "open" alone, which also says a slot is free ("4 pm is
   * open", "an opening at 4").
   */
  private static final Pattern HOURS =
      Pattern.compile(
          "(?i)\\bhours\\b|\\b(?:open|opens|close|closes|closed|closing)\\s+(?:at|from|until|till"
              + "|between|by|daily|every|on|weekdays|mon|tues|wednes|thurs|fri|satur|sun|\\d|noon)");

  /**
   * Words asking the caller to turn up: "come at", "arrive by", "be here at", "check-in is", "see
   * you at".
   */
  private static final Pattern ARRIVE =
      Pattern.compile(
          "(?i)\\b(?:come|coming|arrive|arriving|arrival|be here|be there|get here|get there|show up"
              + "|check[- ]in|drop (?:it|the car|your car|the vehicle|your vehicle) off|early"
              + "|see you)\\b");

  /**
   * Words that put a time to the caller as one they may choose, which an arrival instruction never
   * does: "or 12:45?", "you could also come at 12:30", "12:45 works too", "would you like to come
   * at 12:30". Read in the clause that holds the time only ({@link #CLAUSE}): words of the rest of
   * the sentence say something else ("That works, please come at 12:50.", "Please come at 12:50;
   * you can wait in the lounge.", "Please arrive by 12:50, anything else?").
   */
  private static final Pattern CHOICE =
      Pattern.compile(
          "(?i)\\?|\\b(?:or|also|too|as well|instead|either|how about|what about|if you(?:'d)? (?:like|prefer)"
              + "|prefer|rather|available|free|opening|openings|slot|slots|spot|works?|suits?"
              + "|you (?:can|could|may|might)|(?:would|do|could|can) you|shall i|should i)\\b");

  /**
   * Where one clause of a sentence ends and the next begins: a comma, semicolon, colon (not in
   * "12:50"), dash or bracket, or a conjunction that starts a new statement.
   */
  private static final Pattern CLAUSE =
      Pattern.compile(
          "(?i)[,;()]|:(?!\\d)|\\s[-\u2013\u2014]\\s|[\u2013\u2014]|\\b(?:and|but|so|while|because|though)\\b");

  /**
   * A clause that says there is nothing at a bound ("nothing after 2", "we're full before noon", "I
   * don't have anything between 2 and 4"): what the desk did not return cannot back it or belie it.
   */
  private static final Pattern NOTHING =
      Pattern.compile(
          "(?i)\\b(?:no|not|nothing|none|don't|do not|doesn't|does not|can't|cannot|isn't|aren't"
              + "|full|booked|unfortunately)\\b");

  /**
   * How long before a time the desk gave an arrival instruction may be: a drop-off or check-in
   * before the slot. An hour covers "ten minutes early" and a drop-off before a service starts; a
   * time further off, or after the slot, is heard as a time of its own.
   */
  static final int MAX_EARLY_MINUTES = 60;

  private final DateTimeExtractor dates = new DateTimeExtractor();
  private final ZonedDateTime now;

  /** The day a listener has in mind: the last one named so far. */
  private NamedDay day;

  /**
   * @param now the current time in the centre's zone, to resolve "Tuesday" and "tomorrow"
   * @param context the words these answer, in the order they were said: the last day named in them
   *     is the day a clock time said alone at the start is heard on
   */
  HeardTimes(ZonedDateTime now, String context) {
    this.now = now;
    for (TemporalMention m : dates.extract(context, now)) {
      day = dayOf(m, day);
    }
  }

  /** The day-times heard in {@code sentence}, in the order said. */
  List<DayTime> sentence(String sentence) {
    boolean hours = HOURS.matcher(sentence).find();
    boolean arrival = ARRIVE.matcher(sentence).find();
    List<DayTime> out = new ArrayList<>();
    int from = 0;
    for (TemporalMention m : dates.extract(sentence, now)) {
      int at = sentence.indexOf(m.raw(), from);
      String clause = at < 0 ? sentence : clause(sentence, at, at + m.raw().length());
      from = at < 0 ? from : at + m.raw().length();
      Bound bound = bound(m);
      if (bound != null
          && (bound == Bound.AT || !hours && !NOTHING.matcher(clause).find())
          && (m.hasDate() || !hours && day != null)) {
        boolean asked = arrival && !CHOICE.matcher(clause).find();
        out.add(heard(m, bound, asked));
      }
      day = dayOf(m, day);
    }
    return out;
  }

  /**
   * What {@code m} claims about a day's times: a clock time, a bound or a window of clock times;
   * null for a day or a part of the day, which claim no time.
   */
  private static Bound bound(TemporalMention m) {
    if (!m.hasTime()) {
      return null;
    }
    return switch (m.kind()) {
      case POINT -> Bound.AT;
      case BEFORE -> m.partOfDay() == null ? Bound.BY : null;
      case AFTER -> m.partOfDay() == null ? Bound.AFTER : null;
      case WINDOW -> m.partOfDay() == null ? Bound.BETWEEN : null;
    };
  }

  /** {@code m} as heard: on the day it names, else on the day in mind. */
  private DayTime heard(TemporalMention m, Bound bound, boolean arrival) {
    LocalDateTime first = local(bound == Bound.BY ? m.end() : m.start());
    LocalDateTime last = local(m.end());
    if (m.hasDate()) {
      return new DayTime(bound, first, last, byWeekday(m.raw()), arrival, "\"" + m.raw() + "\"");
    }
    return new DayTime(
        bound,
        day.date().atTime(first.toLocalTime()),
        day.date().atTime(last.toLocalTime()),
        day.byWeekday(),
        arrival,
        "\"" + m.raw() + "\" after \"" + day.raw() + "\"");
  }

  private LocalDateTime local(ZonedDateTime t) {
    return t.withZoneSameInstant(now.getZone()).toLocalDateTime();
  }

  /** The clause of {@code sentence} that holds the words from {@code start} to {@code end}. */
  private static String clause(String sentence, int start, int end) {
    int from = 0;
    int to = sentence.length();
    Matcher b = CLAUSE.matcher(sentence);
    while (b.find()) {
      if (b.end() <= start) {
        from = b.end();
      } else if (b.start() >= end) {
        to = b.start();
        break;
      }
    }
    return sentence.substring(from, to);
  }

  /** The day-times heard in {@code words}, read sentence by sentence. */
  List<DayTime> words(String words) {
    List<DayTime> out = new ArrayList<>();
    SentenceSplitter.split(words).forEach(s -> out.addAll(sentence(s)));
    return out;
  }

  /** "Tuesday at 1" may be resolved to a different week than the slot; "November 24" may not. */
  private static boolean byWeekday(String raw) {
    String lower = raw.toLowerCase(Locale.ROOT);
    return WEEKDAY.matcher(lower).find() && !EXACT_DATE.matcher(lower).find();
  }

  /**
   * The day in mind after {@code m}: the one it names, none after a span of days ("Monday to
   * Friday", "next week"), else still {@code before}.
   */
  private NamedDay dayOf(TemporalMention m, NamedDay before) {
    if (!m.hasDate()) {
      return before;
    }
    LocalDate start = m.start().withZoneSameInstant(now.getZone()).toLocalDate();
    if (!start.equals(m.end().withZoneSameInstant(now.getZone()).toLocalDate())) {
      return null;
    }
    return new NamedDay(start, byWeekday(m.raw()), m.raw());
  }

  /** What a day-time says about the desk's times on its day. */
  enum Bound {
    /** A clock time: "Thursday at 1 PM". */
    AT,
    /** Something happens by then: "done by 3 pm", "before 3", "arrive by 12:50". */
    BY,
    /** Something is open after it: "any time after 2". */
    AFTER,
    /** Something is open within it: "between 2 and 4". */
    BETWEEN
  }

  /**
   * A day and clock time, a bound or a window, as heard.
   *
   * @param bound what the words claim about the desk's times
   * @param at the local date-time the words resolve to: the clock time, the bound, or the start of
   *     the window
   * @param until the end of a window; for the other bounds, as the extractor gave it
   * @param byWeekday the day was named by its weekday only, so the same weekday in another week is
   *     meant as well
   * @param arrival the sentence asks the caller to turn up ("please come at 12:50", "check-in is at
   *     12:50", "arrive by 12:50") and the time's clause puts no choice to them ("or", "also", "you
   *     could", a question)
   * @param words what was said, for a message
   */
  record DayTime(
      Bound bound,
      LocalDateTime at,
      LocalDateTime until,
      boolean byWeekday,
      boolean arrival,
      String words) {

    /**
     * Whether {@code t} is the clock time said: the same clock time (an hour without AM or PM
     * either way, since the extractor resolves those against now) on the same day, or weekday. A
     * bound or a window names no one time.
     */
    boolean means(LocalDateTime t) {
      boolean sameTime = t.getMinute() == at.getMinute() && t.getHour() % 12 == at.getHour() % 12;
      return bound == Bound.AT && sameTime && sameDay(t);
    }

    /**
     * Whether the desk's time {@code t} bears the words out: it is the clock time said, or on the
     * same day at or before a "by" bound, at or after an "after" bound, or within a window.
     */
    boolean backedBy(LocalDateTime t) {
      LocalTime time = t.toLocalTime();
      return switch (bound) {
        case AT -> means(t);
        case BY -> sameDay(t) && !time.isAfter(at.toLocalTime());
        case AFTER -> sameDay(t) && !time.isBefore(at.toLocalTime());
        case BETWEEN ->
            sameDay(t) && !time.isBefore(at.toLocalTime()) && !time.isAfter(until.toLocalTime());
      };
    }

    /**
     * Whether this is when to turn up for {@code t}: an arrival instruction at or by a time on its
     * day, at most {@link HeardTimes#MAX_EARLY_MINUTES} before it (AM or PM either way, as for
     * {@link #means}). A time after {@code t}, or one put to the caller as a choice, is not.
     */
    boolean arrivalFor(LocalDateTime t) {
      int early =
          Math.floorMod(
              t.toLocalTime().toSecondOfDay() / 60 - at.toLocalTime().toSecondOfDay() / 60,
              12 * 60);
      return arrival
          && (bound == Bound.AT || bound == Bound.BY)
          && early <= MAX_EARLY_MINUTES
          && sameDay(t);
    }

    /** What the desk would have had to give for these words, for a message to the model. */
    String needs() {
      return switch (bound) {
        case AT -> "which is not a time the desk gave on this call";
        case BY -> "but the desk gave no time on this call at or before it that day";
        case AFTER -> "but the desk gave no time on this call at or after it that day";
        case BETWEEN -> "but the desk gave no time on this call within it that day";
      };
    }

    private boolean sameDay(LocalDateTime t) {
      return t.toLocalDate().equals(at.toLocalDate())
          || byWeekday && t.getDayOfWeek() == at.getDayOfWeek();
    }
  }

  /** A day named in words ({@code raw}), resolved against now. */
  private record NamedDay(LocalDate date, boolean byWeekday, String raw) {}
}
