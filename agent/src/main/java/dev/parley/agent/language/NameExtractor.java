package dev.parley.agent.language;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the names people give on the phone ("this is Maria", "my name is Dr. Chen", "you're
 * speaking with Tom", "Maria speaking") and the business that answered ("thank you for calling
 * Bright Smile Dental"). Works on capitalised transcripts, as STT produces. Thread-safe.
 */
public final class NameExtractor {

  private static final String NAME = "((?:[A-Z][a-z'’-]+|[A-Z]{2,})(?:\\s+[A-Z][a-z'’-]+)?)";
  private static final String TITLE = "(?:(Dr|Doctor|Mr|Mrs|Ms|Miss|Mx|Prof|Professor)\\.?\\s+)?";
  private static final Pattern INTRO =
      Pattern.compile(
          "(?:\\b[Tt]his is|\\b[Mm]y name is|\\b[Mm]y name's|\\b[Nn]ame is|\\bI am|\\bI'm|"
              + "\\b[Yy]ou're speaking (?:with|to)|\\b[Yy]ou are speaking (?:with|to)|"
              + "\\b[Ss]peaking with|\\b[Yy]ou've got|\\b[Ii]t's|\\b[Ii]t is|\\b[Cc]all me|"
              + "\\b[Yy]ou can call me|\\b[Aa]sk for)\\s+"
              + TITLE
              + NAME);
  private static final Pattern SPEAKING =
      Pattern.compile("(?:^|[.,!?]\\s*)" + TITLE + NAME + "\\s+(?:speaking|here)\\b");
  private static final Pattern BUSINESS =
      Pattern.compile(
          "(?i:thanks? (?:you )?for calling|you(?:'ve| have) reached|welcome to|this is)\\s+"
              + "((?:the\\s+)?[A-Z][\\w'&.-]*(?:\\s+(?:[A-Z][\\w'&.-]*|&|of|and))*)");

  /** Capitalised words that follow "this is" or "I'm" but are not names. */
  private static final Set<String> NOT_NAMES =
      Set.copyOf(
          List.of(
              "sorry",
              "calling",
              "just",
              "not",
              "here",
              "the",
              "a",
              "an",
              "so",
              "afraid",
              "very",
              "really",
              "glad",
              "happy",
              "good",
              "fine",
              "great",
              "okay",
              "ok",
              "sure",
              "going",
              "looking",
              "trying",
              "still",
              "also",
              "actually",
              "an",
              "your",
              "our",
              "my",
              "with",
              "from",
              "on",
              "in",
              "speaking",
              "unable",
              "available",
              "booked",
              "closed",
              "open",
              "busy",
              "correct",
              "right",
              "wrong",
              "it",
              "that",
              "what",
              "who",
              "yes",
              "no",
              "hi",
              "hello",
              "about",
              "regarding",
              "how",
              "we",
              "they",
              "he",
              "she",
              "i",
              "you",
              "all",
              "done",
              "afternoon",
              "morning",
              "evening",
              "monday",
              "tuesday",
              "wednesday",
              "thursday",
              "friday",
              "saturday",
              "sunday",
              "today",
              "tomorrow",
              "an",
              "ai",
              "assistant",
              "parley",
              "one",
              "two",
              "three",
              "four",
              "five",
              "six",
              "seven",
              "eight",
              "nine",
              "ten",
              "fully",
              "free",
              "there",
              "reception",
              "customer",
              "nice",
              "pleased",
              "well",
              "definitely",
              "probably",
              "confirmed",
              "calling",
              "interested",
              "gonna",
              "able"));

  /** Words that make "this is X" a business, not a person. */
  private static final Set<String> BUSINESS_WORDS =
      Set.of(
          "dental",
          "dentistry",
          "clinic",
          "center",
          "centre",
          "services",
          "service",
          "inc",
          "llc",
          "ltd",
          "company",
          "co",
          "group",
          "plumbing",
          "auto",
          "motors",
          "garage",
          "restaurant",
          "pizzeria",
          "salon",
          "spa",
          "gym",
          "fitness",
          "office",
          "hospital",
          "medical",
          "pharmacy",
          "bank",
          "insurance",
          "cable",
          "support",
          "bistro",
          "cafe",
          "trattoria",
          "hotel",
          "store",
          "shop",
          "studio",
          "associates",
          "practice",
          "repairs",
          "electric",
          "hvac",
          "realty",
          "vet",
          "veterinary",
          "animal",
          "health",
          "care",
          "comcast",
          "xfinity",
          "verizon");

  /** People who named themselves in {@code text}. */
  public List<PersonName> people(String text) {
    List<PersonName> out = new ArrayList<>();
    for (Pattern p : List.of(INTRO, SPEAKING)) {
      Matcher m = p.matcher(text);
      while (m.find()) {
        String title = m.group(1);
        String name = m.group(2);
        String[] words = name.split("\\s+");
        if (NOT_NAMES.contains(words[0].toLowerCase(Locale.ROOT))
            || isBusiness(name)
            || isBusiness(capitalisedRunAfter(text, m.end()))) {
          continue;
        }
        // Keep a second capitalised word only when it is not a business or a stop word.
        if (words.length > 1 && NOT_NAMES.contains(words[1].toLowerCase(Locale.ROOT))) {
          name = words[0];
        }
        String normalisedTitle = title == null ? null : normaliseTitle(title);
        int rawStart = m.start();
        while (rawStart < text.length() && !Character.isLetter(text.charAt(rawStart))) {
          rawStart++;
        }
        int rawEnd = text.indexOf(name, rawStart) + name.length();
        out.add(
            new PersonName(
                name, normalisedTitle, text.substring(rawStart, p == SPEAKING ? m.end() : rawEnd)));
      }
    }
    return out;
  }

  /** Businesses named in a greeting ("thank you for calling Bright Smile Dental"). */
  public List<String> businesses(String text) {
    List<String> out = new ArrayList<>();
    Matcher m = BUSINESS.matcher(text);
    while (m.find()) {
      String name = m.group(1).replaceAll("[.,]$", "").trim();
      if (name.toLowerCase(Locale.ROOT).startsWith("the ")) {
        name = name.substring(4);
      }
      String prefix = m.group().toLowerCase(Locale.ROOT);
      if (prefix.startsWith("this is") && !isBusiness(name)) {
        continue;
      }
      if (!name.isEmpty()) {
        out.add(name);
      }
    }
    return out;
  }

  private static final Pattern CAPITALISED_RUN = Pattern.compile("\\G(?:\\s+[A-Z][\\w'&-]*)+");

  /** The capitalised words that continue a match: "Bright Smile" + " Dental Care". */
  private static String capitalisedRunAfter(String text, int from) {
    Matcher m = CAPITALISED_RUN.matcher(text);
    return m.find(from) ? m.group() : "";
  }

  private static boolean isBusiness(String words) {
    for (String w : words.toLowerCase(Locale.ROOT).split("[^a-z]+")) {
      if (BUSINESS_WORDS.contains(w)) {
        return true;
      }
    }
    return false;
  }

  private static String normaliseTitle(String t) {
    return switch (t.toLowerCase(Locale.ROOT)) {
      case "dr", "doctor" -> "Dr.";
      case "mr" -> "Mr.";
      case "mrs" -> "Mrs.";
      case "ms" -> "Ms.";
      case "prof", "professor" -> "Prof.";
      default -> t;
    };
  }
}
