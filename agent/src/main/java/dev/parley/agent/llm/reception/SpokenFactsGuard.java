package dev.parley.agent.llm.reception;

import dev.parley.agent.dialog.PhraseGuard;
import dev.parley.agent.language.ConfirmationCode;
import dev.parley.agent.language.ConfirmationCodeExtractor;
import dev.parley.agent.language.DateTimeExtractor;
import dev.parley.agent.language.TemporalMention;
import dev.parley.agent.llm.SpeechStream;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks each sentence of the receptionist model before the caller hears it, against what the desk
 * said on this call ({@link DeskMemory}): a confirmation code must be one a booking returned, and a
 * day with a clock time must be a time the desk gave (an open slot it returned, a booking, the
 * caller's appointment). A sentence that breaks either rule rejects the whole reply ({@link
 * Rejected}): the model is asked again, then the rule-based receptionist answers. The owner's
 * forbidden phrases are removed as for every agent.
 *
 * <p>Times are matched on the centre's local date and clock time; a day named by its weekday also
 * matches the same weekday and time in another week, and an hour without AM or PM matches either,
 * since the extractor resolves those against today. A clock time with no day in the same sentence
 * is not checked (it may be the opening hours).
 */
final class SpokenFactsGuard implements SpeechStream.Guard {

  /** Letters and digits said one by one: "B G 7 K 3 Q", "B-G-7-K-3-Q". */
  private static final Pattern SPELLED = Pattern.compile("\\b(?:[A-Z0-9][\\s,-]+){3,}[A-Z0-9]\\b");

  /** A clock time written as one run, which the code extractor would read as a code: "10AM". */
  private static final Pattern CLOCK = Pattern.compile("(?i)\\d{1,2}(?::?\\d{2})?(?:AM|PM)");

  private static final Pattern WEEKDAY =
      Pattern.compile("\\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\\b");

  /** A month or a day of the month: the date is meant exactly. */
  private static final Pattern EXACT_DATE =
      Pattern.compile(
          "\\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\b|\\d(?:st|nd|rd|th)\\b|\\d{1,2}/\\d{1,2}");

  private final PhraseGuard phrases;
  private final DeskMemory memory;
  private final ZonedDateTime now;
  private final ConfirmationCodeExtractor codes = new ConfirmationCodeExtractor();
  private final DateTimeExtractor dates = new DateTimeExtractor();
  private final Set<String> echoes = new HashSet<>();

  /**
   * @param memory the turn's desk memory, read at each sentence (a tool result of an earlier round
   *     of the same turn counts)
   * @param now the current time in the centre's zone, to resolve "Tuesday" and "tomorrow"
   * @param heard what the caller said on the call and the vehicles on file: code-like words in it
   *     ("F-150", a reference the caller read out) may be said back
   */
  SpokenFactsGuard(PhraseGuard phrases, DeskMemory memory, ZonedDateTime now, String heard) {
    this.phrases = phrases;
    this.memory = memory;
    this.now = now;
    for (ConfirmationCode c : codes.extract(heard)) {
      echoes.add(c.code());
    }
  }

  /** Whether {@code code} is the desk's, or words the caller or the desk said ("F-150"). */
  private boolean allowed(String code) {
    return memory.knowsCode(code) || echoes.contains(DeskMemory.normalised(code));
  }

  @Override
  public String check(String sentence) {
    for (ConfirmationCode c : codes.extract(sentence)) {
      if (!CLOCK.matcher(c.raw().replace(" ", "")).matches() && !allowed(c.code())) {
        throw new Rejected(
            "you said the confirmation code \""
                + c.raw()
                + "\", but no booking on this call returned it; read a code only from a book"
                + " result, exactly as given");
      }
    }
    Matcher spelled = SPELLED.matcher(sentence);
    while (spelled.find()) {
      if (!allowed(spelled.group())) {
        throw new Rejected(
            "you spelled out \""
                + spelled.group()
                + "\", which no booking on this call returned as a confirmation code");
      }
    }
    for (TemporalMention m : dates.extract(sentence, now)) {
      if (m.kind() == TemporalMention.Kind.POINT
          && m.hasDate()
          && m.hasTime()
          && !known(m.start().withZoneSameInstant(now.getZone()).toLocalDateTime(), m.raw())) {
        throw new Rejected(
            "you said \""
                + m.raw()
                + "\", which is not a time the desk gave on this call; offer only times"
                + " find_open_slots returned, and state only bookings the desk confirmed");
      }
    }
    String clean = phrases.clean(sentence);
    return clean.isEmpty() ? null : clean;
  }

  private boolean known(LocalDateTime said, String raw) {
    String lower = raw.toLowerCase(Locale.ROOT);
    // "Tuesday at 1" may be resolved to a different week than the slot; "November 24" may not.
    boolean byWeekday = WEEKDAY.matcher(lower).find() && !EXACT_DATE.matcher(lower).find();
    for (LocalDateTime t : memory.knownTimes()) {
      boolean sameTime =
          t.getMinute() == said.getMinute() && t.getHour() % 12 == said.getHour() % 12;
      boolean sameDay =
          t.toLocalDate().equals(said.toLocalDate())
              || byWeekday && t.getDayOfWeek() == said.getDayOfWeek();
      if (sameTime && sameDay) {
        return true;
      }
    }
    return false;
  }

  /** A reply that must not be heard; carries the reason, phrased for the model. */
  static final class Rejected extends RuntimeException {
    Rejected(String reason) {
      super(reason, null, false, false);
    }
  }
}
