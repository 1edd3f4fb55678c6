package dev.parley.agent.llm.reception;

import dev.parley.agent.dialog.PhraseGuard;
import dev.parley.agent.language.ConfirmationCode;
import dev.parley.agent.language.ConfirmationCodeExtractor;
import dev.parley.agent.llm.SpeechStream;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks each sentence of the receptionist model before the caller hears it, against what the desk
 * said on this call ({@link DeskMemory}): a confirmation code must be one a booking returned, a day
 * with a clock time must be a time the desk gave (an open slot it returned, a booking, the caller's
 * appointment), and a bound or window on a day ("done by 3 pm", "any time after 2", "between 2 and
 * 4") must be borne out by one of those times on that day (at or before, at or after, within): the
 * model may not promise a time the calendar does not show. A sentence that breaks either rule
 * rejects the whole reply ({@link Rejected}): the model is asked again, then the rule-based
 * receptionist answers. The owner's forbidden phrases are removed as for every agent.
 *
 * <p>Times are read as a listener hears them ({@link HeardTimes}): a clock time said without a day
 * is heard on the last day named before it, in this reply or in the words it answers, and checked
 * on that day. A time the reply gives to turn up at for a slot the desk gave that day ("Your
 * booking is Thursday at 1 PM. Please come at 12:50.") is not a new slot: up to an hour before it,
 * in a sentence that asks the caller to come and offers no choice, it passes.
 */
final class SpokenFactsGuard implements SpeechStream.Guard {

  /** Letters and digits said one by one: "B G 7 K 3 Q", "B-G-7-K-3-Q". */
  private static final Pattern SPELLED = Pattern.compile("\\b(?:[A-Z0-9][\\s,-]+){3,}[A-Z0-9]\\b");

  /** A clock time written as one run, which the code extractor would read as a code: "10AM". */
  private static final Pattern CLOCK = Pattern.compile("(?i)\\d{1,2}(?::?\\d{2})?(?:AM|PM)");

  private final PhraseGuard phrases;
  private final DeskMemory memory;
  private final ConfirmationCodeExtractor codes = new ConfirmationCodeExtractor();
  private final Set<String> echoes = new HashSet<>();
  private final HeardTimes times;

  /**
   * @param memory the turn's desk memory, read at each sentence (a tool result of an earlier round
   *     of the same turn counts)
   * @param now the current time in the centre's zone, to resolve "Tuesday" and "tomorrow"
   * @param heard what the caller said on the call and the vehicles on file: code-like words in it
   *     ("F-150", a reference the caller read out) may be said back
   * @param context the words the reply answers, in the order they were said (the agent's last
   *     utterance, then the caller's): the last day named in them is the day a clock time said
   *     alone at the start of the reply is heard on
   */
  SpokenFactsGuard(
      PhraseGuard phrases, DeskMemory memory, ZonedDateTime now, String heard, String context) {
    this.phrases = phrases;
    this.memory = memory;
    for (ConfirmationCode c : codes.extract(heard)) {
      echoes.add(c.code());
    }
    this.times = new HeardTimes(now, context);
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
    for (HeardTimes.DayTime t : times.sentence(sentence)) {
      List<LocalDateTime> known = memory.knownTimes();
      if (known.stream().noneMatch(t::backedBy) && known.stream().noneMatch(t::arrivalFor)) {
        throw new Rejected(
            "you said "
                + t.words()
                + ", "
                + t.needs()
                + "; offer only times find_open_slots returned, and state only bookings the desk"
                + " confirmed");
      }
    }
    String clean = phrases.clean(sentence);
    return clean.isEmpty() ? null : clean;
  }

  /** A reply that must not be heard; carries the reason, phrased for the model. */
  static final class Rejected extends RuntimeException {
    Rejected(String reason) {
      super(reason, null, false, false);
    }
  }
}
