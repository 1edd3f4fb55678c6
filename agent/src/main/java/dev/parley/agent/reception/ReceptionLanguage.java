package dev.parley.agent.reception;

import dev.parley.agent.language.CallSignal;
import dev.parley.agent.language.CallSignalDetector;
import dev.parley.agent.language.DateTimeExtractor;
import dev.parley.agent.language.Intent;
import dev.parley.agent.language.IntentClassifier;
import dev.parley.agent.language.NameExtractor;
import dev.parley.agent.language.PersonName;
import dev.parley.agent.language.TemporalMention;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a caller to a service centre means, read with rules: what they want (book, move, cancel,
 * hours, prices), which service and vehicle they name, when they would like to come, yes and no,
 * and goodbye; and how the receptionist says times and codes. Stateless and thread-safe.
 */
public final class ReceptionLanguage {

  /** What the caller wants done. */
  enum Want {
    BOOK,
    RESCHEDULE,
    CANCEL,
    /** A question about cancelling (its price, the policy), not a request to cancel. */
    CANCEL_QUESTION,
    HOURS,
    PRICE,
    DONE,
    UNKNOWN
  }

  private static final Pattern CANCEL = Pattern.compile("(?i)\\bcancel");
  private static final Pattern RESCHEDULE =
      Pattern.compile(
          "(?i)\\breschedul|\\b(?:move|change|push back|postpone)\\b.{0,30}\\b(?:appointment|booking|time|it)\\b");
  private static final Pattern HOURS =
      Pattern.compile("(?i)\\b(?:hours|open(?:ing)?|clos(?:e|ing))\\b");
  private static final Pattern PRICE =
      Pattern.compile("(?i)\\bhow much\\b|\\b(?:cost|costs|price|prices|charge)\\b");

  /**
   * Words asking for work on the car. "Need" in any tense ("my Focus needs its brakes done", "it
   * needed brakes last year") and "could use" say what the car wants as plainly as "book".
   */
  private static final Pattern BOOK =
      Pattern.compile(
          "(?i)\\b(?:book|appointment|schedule|bring (?:it|her|him|my|the|our)\\b.{0,30}\\bin|come in|drop (?:it|my|the) .{0,20}off|service|need(?:s|ed)?|could (?:use|do with)|looking for)\\b");

  private static final Pattern DONE =
      Pattern.compile(
          "(?i)\\b(?:that'?s (?:all|it|everything)|nothing else|no,? thanks?|no thank you|i'?m (?:all )?good|we'?re done)\\b");

  /**
   * The caller is finished with the call, in words that cannot also answer "does that work?": "no
   * thanks" may only turn a time down, and "that's it" may accept it.
   */
  private static final Pattern FINISHED =
      Pattern.compile(
          "(?i)\\b(?:that'?s (?:all|everything)|nothing else|i'?m (?:all )?good|we'?re done|forget it)\\b");

  /**
   * A question about cancelling, not a request to cancel now: the policy ("what's your cancellation
   * policy?", "what happens if I cancel?"), cancelling later ("can I cancel later if I need to?"),
   * or what it costs ("how much does it cost to cancel?", "is there a fee if I cancel?"). A price
   * word with "cancel" on either side of it asks about a charge; no one asks to cancel by its
   * price.
   */
  private static final Pattern CANCEL_QUESTION =
      Pattern.compile(
          "(?i)\\bcancell?ation\\b|\\b(?:what|how)(?: happens)? if (?:i|we)\\b.{0,30}\\bcancel"
              + "|\\b(?:can|could|may) (?:i|we)\\b.{0,30}\\bcancel\\b.{0,40}\\b(?:later|if|afterwards|any ?time|still)\\b"
              + "|\\b(?:how much|cost|costs|charge|charges|fee|fees|penalty|price)\\b.{0,40}\\bcancel"
              + "|\\bcancel\\w*\\b.{0,40}\\b(?:cost|costs|charge|charged|fee|fees|penalty|price)\\b");

  /** "Cancel that": the caller drops what is in hand, not an appointment they have. */
  private static final Pattern CANCEL_THAT =
      Pattern.compile("(?i)\\bcancel (?:that|this|it)\\b(?!\\s+(?:appointment|booking))");

  /** A span of time in the caller's words: "10 minutes", "an hour". */
  private static final Pattern SPAN = Pattern.compile("(?i)\\b(?:minutes?|mins?|hours?)$");

  /** Words after a span that make it how early the caller will come: "10 minutes early". */
  private static final Pattern EARLY =
      Pattern.compile("(?i)\\s*(?:early|earlier|ahead|before(?:hand)?|prior)\\b");

  private static final Pattern LATER =
      Pattern.compile(
          "(?i)\\b(?:later|anything else|another (?:day|time)|different (?:day|time))\\b");
  private static final Pattern VEHICLE =
      Pattern.compile("(?i)\\b((?:19|20)\\d\\d)\\s+([A-Z][\\w-]*(?:\\s+[A-Z0-9][\\w-]*){0,2})");

  /**
   * Words that end a make and model read after a year: what callers say next ("my 2015 Ford Focus
   * needs its brakes done", "a 2019 Camry that is making a noise", "2018 Civic for an oil change").
   * No make or model of the cars on the road is one of these.
   */
  private static final Set<String> NOT_A_MODEL =
      Set.of(
          "a",
          "an",
          "the",
          "my",
          "its",
          "it",
          "this",
          "that",
          "which",
          "who",
          "and",
          "or",
          "but",
          "so",
          "because",
          "for",
          "with",
          "to",
          "in",
          "on",
          "at",
          "of",
          "from",
          "by",
          "is",
          "was",
          "has",
          "had",
          "have",
          "needs",
          "need",
          "needed",
          "requires",
          "wants",
          "keeps",
          "makes",
          "making",
          "started",
          "got",
          "please",
          "thanks",
          "today",
          "tomorrow",
          // The reader stops at an apostrophe: "won't" reaches it as "won".
          "won",
          "doesn",
          "isn",
          "wasn",
          "didn",
          "can");

  private static final Pattern WORD = Pattern.compile("[a-z0-9]+");

  private static final DateTimeFormatter SPOKEN =
      DateTimeFormatter.ofPattern("EEEE, MMMM d 'at' h:mm a", Locale.US);

  private final IntentClassifier intents = new IntentClassifier();
  private final CallSignalDetector signals = new CallSignalDetector();
  private final DateTimeExtractor dates = new DateTimeExtractor();
  private final NameExtractor names = new NameExtractor();

  Want want(String text) {
    if (cancelQuestion(text)) {
      return Want.CANCEL_QUESTION;
    }
    if (CANCEL.matcher(text).find()) {
      return Want.CANCEL;
    }
    if (RESCHEDULE.matcher(text).find()) {
      return Want.RESCHEDULE;
    }
    if (PRICE.matcher(text).find()) {
      return Want.PRICE;
    }
    if (HOURS.matcher(text).find() && !BOOK.matcher(text).find()) {
      return Want.HOURS;
    }
    if (BOOK.matcher(text).find()) {
      return Want.BOOK;
    }
    if (done(text)) {
      return Want.DONE;
    }
    return Want.UNKNOWN;
  }

  /** The caller is finished: "that's all", "no thanks", "goodbye". */
  boolean done(String text) {
    return DONE.matcher(text).find() || signals.detect(text).contains(CallSignal.GOODBYE);
  }

  /**
   * The caller is finished with the call even while a time is on offer: "no, that's all, bye". Not
   * "no thanks" alone (the time is turned down, not the call) nor "that's it" (which may accept).
   */
  boolean finished(String text) {
    return FINISHED.matcher(text).find() || signals.detect(text).contains(CallSignal.GOODBYE);
  }

  /** "No, cancel that": about what is in hand, not the caller's other appointment. */
  boolean cancelThat(String text) {
    return CANCEL_THAT.matcher(text).find();
  }

  /** "Can I cancel later if I need to?", "what's your cancellation policy?". */
  private static boolean cancelQuestion(String text) {
    return CANCEL_QUESTION.matcher(text).find();
  }

  boolean yes(String text) {
    return intents.classify(text).intent() == Intent.AFFIRM;
  }

  boolean no(String text) {
    Intent i = intents.classify(text).intent();
    return i == Intent.DECLINE || i == Intent.UNAVAILABLE;
  }

  /** "Anything later?", "a different day": the caller wants another offer. */
  boolean later(String text) {
    return LATER.matcher(text).find();
  }

  /** The service named in {@code text}: the one with the most keyword hits. */
  Optional<ServiceDesk.ServiceOffer> service(String text, List<ServiceDesk.ServiceOffer> offers) {
    List<String> words = words(text);
    ServiceDesk.ServiceOffer best = null;
    int bestHits = 0;
    for (ServiceDesk.ServiceOffer o : offers) {
      int hits = hits(words, o.keywords());
      if (hits > bestHits) {
        best = o;
        bestHits = hits;
      }
    }
    return Optional.ofNullable(best);
  }

  /** The vehicle on file named in {@code text}. */
  Optional<ServiceDesk.Vehicle> vehicle(String text, List<ServiceDesk.Vehicle> vehicles) {
    List<String> words = words(text);
    for (ServiceDesk.Vehicle v : vehicles) {
      if (hits(words, v.keywords()) > 0) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }

  /**
   * A vehicle described by year, make and model ("a 2015 Ford Focus"), or null: up to three words
   * after the year, ending before the first that is not part of a name ({@link #NOT_A_MODEL}).
   */
  String describedVehicle(String text) {
    Matcher m = VEHICLE.matcher(text);
    if (!m.find()) {
      return null;
    }
    StringBuilder v = new StringBuilder(m.group(1));
    for (String w : m.group(2).split("\\s+")) {
      if (NOT_A_MODEL.contains(w.toLowerCase(Locale.ROOT))) {
        break;
      }
      v.append(' ').append(w);
    }
    return v.length() == m.group(1).length() ? null : v.toString();
  }

  /** The caller's name if they said it ("this is Sam Ortiz"), or null. */
  String name(String text) {
    List<PersonName> people = names.people(text);
    return people.isEmpty() ? null : people.get(0).display();
  }

  /**
   * When the caller would like to come, read against {@code now}; null when they did not say. How
   * early they will turn up for the time on offer ("I'll come in 10 minutes early", after being
   * asked to arrive early) is not a time of its own: read as one, it turned a yes into a request
   * for another time.
   */
  TemporalMention when(String text, ZonedDateTime now) {
    for (TemporalMention m : dates.extract(text, now)) {
      if (!earlyBy(text, m)) {
        return m;
      }
    }
    return null;
  }

  /** {@code m} is a span of minutes or hours said as how early the caller will come. */
  private static boolean earlyBy(String text, TemporalMention m) {
    int at = text.indexOf(m.raw());
    return at >= 0
        && SPAN.matcher(m.raw()).find()
        && EARLY.matcher(text).region(at + m.raw().length(), text.length()).lookingAt();
  }

  /** "Tuesday, November 24 at 1:00 PM". */
  public static String spoken(ZonedDateTime t) {
    return SPOKEN.format(t);
  }

  /** "BG-7K3Q" said letter by letter: "B G 7 K 3 Q". */
  public static String spelled(String code) {
    StringBuilder sb = new StringBuilder();
    for (char c : code.toCharArray()) {
      if (Character.isLetterOrDigit(c)) {
        sb.append(sb.length() == 0 ? "" : " ").append(c);
      }
    }
    return sb.toString();
  }

  private static List<String> words(String text) {
    Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
    List<String> out = new java.util.ArrayList<>();
    while (m.find()) {
      out.add(m.group());
    }
    return out;
  }

  private static int hits(List<String> words, List<String> keywords) {
    int hits = 0;
    for (String k : keywords) {
      String key = k.toLowerCase(Locale.ROOT);
      if (key.contains(" ")) {
        if (String.join(" ", words).contains(key)) {
          hits += 2;
        }
      } else if (words.contains(key)) {
        hits++;
      }
    }
    return hits;
  }
}
