package dev.parley.agent.llm.reception;

import dev.parley.agent.language.DateTimeExtractor;
import dev.parley.agent.language.TemporalMention;
import dev.parley.agent.llm.SentenceSplitter;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The days with clock times a listener hears in the receptionist's words, sentence after sentence,
 * in the centre's zone. A clock time said without a day is heard on the last day named before it:
 * earlier in the same words ("I have Thursday. At 4 PM we could fit you in."), else in the words
 * they answer (the caller's "anything on Thursday?", or the agent's own last offer before that). A
 * clock time with no day before it is not a day-time, nor one in a sentence about opening hours
 * ("we open at 8"). One reply, one instance: the day in mind moves on as it reads. A clock time in
 * a sentence that asks the caller to turn up ("Please come at 12:50.") is marked as an arrival
 * time, which the guard accepts shortly before a time the desk gave on that day ({@link
 * DayTime#arrivalFor}).
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

  /** Words asking the caller to turn up: "come at", "arrive by", "be here at", "check-in is". */
  private static final Pattern ARRIVE =
      Pattern.compile(
          "(?i)\\b(?:come|coming|arrive|arriving|arrival|be here|be there|get here|get there|show up"
              + "|check[- ]in|drop (?:it|the car|your car|the vehicle|your vehicle) off|early)\\b");

  /**
   * Words that put a time to the caller as one they may choose, which an arrival instruction never
   * does: "or 12:45?", "you could also come at 12:30", "12:45 works too".
   */
  private static final Pattern CHOICE =
      Pattern.compile(
          "(?i)\\?|\\b(?:or|also|too|as well|instead|either|how about|what about|if you(?:'d)? (?:like|prefer)"
              + "|prefer|rather|available|free|opening|openings|slot|slots|spot|works?|suits?"
              + "|you (?:can|could|may|might))\\b");

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
    boolean arrival = ARRIVE.matcher(sentence).find() && !CHOICE.matcher(sentence).find();
    List<DayTime> out = new ArrayList<>();
    for (TemporalMention m : dates.extract(sentence, now)) {
      if (m.kind() == TemporalMention.Kind.POINT && m.hasTime()) {
        LocalDateTime said = m.start().withZoneSameInstant(now.getZone()).toLocalDateTime();
        if (m.hasDate()) {
          out.add(new DayTime(said, byWeekday(m.raw()), arrival, "\"" + m.raw() + "\""));
        } else if (!hours && day != null) {
          out.add(
              new DayTime(
                  day.date().atTime(said.toLocalTime()),
                  day.byWeekday(),
                  arrival,
                  "\"" + m.raw() + "\" after \"" + day.raw() + "\""));
        }
      }
      day = dayOf(m, day);
    }
    return out;
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

  /**
   * A day and clock time as heard.
   *
   * @param at the local date-time the words resolve to
   * @param byWeekday the day was named by its weekday only, so the same weekday in another week is
   *     meant as well
   * @param arrival the sentence asks the caller to turn up ("please come at 12:50", "check-in is at
   *     12:50") and puts no choice to them ("or", "also", "you could", a question)
   * @param words what was said, for a message
   */
  record DayTime(LocalDateTime at, boolean byWeekday, boolean arrival, String words) {

    /**
     * Whether {@code t} is what was said: the same clock time (an hour without AM or PM either way,
     * since the extractor resolves those against now) on the same day, or weekday.
     */
    boolean means(LocalDateTime t) {
      boolean sameTime = t.getMinute() == at.getMinute() && t.getHour() % 12 == at.getHour() % 12;
      return sameTime && sameDay(t);
    }

    /**
     * Whether this is when to turn up for {@code t}: an arrival instruction on its day, at most
     * {@link HeardTimes#MAX_EARLY_MINUTES} before it (AM or PM either way, as for {@link #means}).
     * A time after {@code t}, or one put to the caller as a choice, is not.
     */
    boolean arrivalFor(LocalDateTime t) {
      int early =
          Math.floorMod(
              t.toLocalTime().toSecondOfDay() / 60 - at.toLocalTime().toSecondOfDay() / 60,
              12 * 60);
      // 0 is the time itself, which means() accepts.
      return arrival && early <= MAX_EARLY_MINUTES && sameDay(t);
    }

    private boolean sameDay(LocalDateTime t) {
      return t.toLocalDate().equals(at.toLocalDate())
          || byWeekday && t.getDayOfWeek() == at.getDayOfWeek();
    }
  }

  /** A day named in words ({@code raw}), resolved against now. */
  private record NamedDay(LocalDate date, boolean byWeekday, String raw) {}
}
