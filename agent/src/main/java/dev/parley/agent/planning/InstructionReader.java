package dev.parley.agent.planning;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the pieces of an instruction the extractors do not: topic, party size, clauses, tone. */
final class InstructionReader {

  private static final String STOP =
      "(?=\\s+(?:with|at|this|next|on|under|below|before|by|tomorrow|today|tonight|between|around|"
          + "in|and|if|so|from|for (?:under|less|no more|at most|up to|\\$)|that|which|sometime|"
          + "some time|asap|preferably|ideally|no later|as soon|to (?:mon|tues|wednes|thurs|fri|satur|sun)day|"
          + "to (?:next|this|the)|to tomorrow)\\b|\\s*[,.;!?](?:\\s|$)|\\s+\\$|\\s*$)";
  private static final Map<GoalKind, Pattern> TOPIC =
      Map.of(
          GoalKind.BOOK_APPOINTMENT,
          Pattern.compile(
              "(?i)\\b(?:book|schedule|make|get|set up|arrange|sign (?:me|us) up for)\\s+(?:me\\s+|us\\s+)?"
                  + "(?:in\\s+for\\s+)?(?:a |an |my |our |the )?(.+?)"
                  + STOP),
          GoalKind.MAKE_RESERVATION,
          Pattern.compile("(?i)\\b((?:table|room|reservation)(?: for (?:\\d+|[a-z]+))?)"),
          GoalKind.CANCEL,
          Pattern.compile("(?i)\\bcancel\\s+(?:my |our |the |a |an )?(.+?)" + STOP),
          GoalKind.RESCHEDULE,
          Pattern.compile(
              "(?i)\\b(?:re-?schedule|move|change|push back|shift|bump)\\s+(?:my |our |the |a )?(.+?)"
                  + "(?=\\s+(?:to|for|from|until|till|back)\\b|"
                  + STOP.substring(3)),
          GoalKind.GET_QUOTE,
          Pattern.compile(
              "(?i)\\b(?:quote|estimate|price|pricing|how much|cost)\\s+(?:from\\s+.+?\\s+)?(?:it (?:would|will) (?:cost|be) |they(?:'d| would)? charge |"
                  + "(?:is it |would it be |does it cost |it costs )?)?(?:for|on|to|of)\\s+(?:a |an |the |my |our )?"
                  + "(.+?)"
                  + STOP),
          GoalKind.REMINDER,
          Pattern.compile(
              "(?i)\\bremind\\s+(?:\\w+\\s+)?(?:about|of|that|to)\\s+(.+?)(?=\\s*[.;!?]|\\s*$)"),
          GoalKind.COMPLAINT,
          Pattern.compile(
              "(?i)\\b(?:dispute|complain about|complaint about|overcharged for|refund for|about)\\s+"
                  + "(?:a |an |the |my |our )?(.+?)"
                  + STOP),
          GoalKind.ASK_QUESTION,
          Pattern.compile(
              "(?i)\\b(?:ask|find out|check|see|inquire|enquire)\\s+(?:(?:them|him|her|the \\w+|[\\w']+(?:\\s+[\\w']+){0,2})\\s+)?"
                  + "((?:if|whether|what|when|where|how|why|who|which|about)\\b.+?)(?=\\s*[.;!?]|\\s*$)"));

  /** "confirm the meeting on the 24th": the topic keeps the verb so it can be asked as is. */
  private static final Pattern CONFIRM =
      Pattern.compile("(?i)\\b(confirm\\s+.+?)(?=\\s*[.;!?]|\\s*$)");

  /** "complain that they charged me twice": the complaint is the clause. */
  private static final Pattern COMPLAINT_CLAUSE =
      Pattern.compile("(?i)\\bthat\\s+(.+?)(?=\\s*[.;!?]|\\s*$)");

  private static final Pattern PARTY =
      Pattern.compile(
          "(?i)\\b(?:table|reservation|booking|room) for (\\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\\b"
              + "|\\bfor (\\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve) (?:people|persons|guests|adults|of us)\\b"
              + "|\\bparty of (\\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\\b"
              + "|\\b(\\d+|two|three|four|five|six|seven|eight|nine|ten) of us\\b");
  private static final Map<String, Integer> SMALL =
      Map.ofEntries(
          Map.entry("one", 1),
          Map.entry("two", 2),
          Map.entry("three", 3),
          Map.entry("four", 4),
          Map.entry("five", 5),
          Map.entry("six", 6),
          Map.entry("seven", 7),
          Map.entry("eight", 8),
          Map.entry("nine", 9),
          Map.entry("ten", 10),
          Map.entry("eleven", 11),
          Map.entry("twelve", 12));
  private static final Pattern HARD =
      Pattern.compile(
          "(?i)\\b(?:must|only|has to|have to|needs to|need to|don't|do not|never|no later than|make sure|"
              + "can't|cannot|at the latest|required|without)\\b");
  private static final Pattern SOFT =
      Pattern.compile(
          "(?i)\\b(?:prefer|preferably|ideally|if possible|if they can|would be nice|rather|try to|"
              + "hopefully|bonus if|if available|would like)\\b");
  private static final Pattern FACT =
      Pattern.compile(
          "(?i)\\b(?:tell (?:them|him|her)(?: that)?|let (?:them|him|her) know(?: that)?|mention(?: that)?)\\s+(.+)"
              + "|^(?:i'm|i am|we're|we are)\\s+(?:a |an )?(?:new|existing|current|returning|member|patient|customer|client).*"
              + "|\\bmy (?:account|member(?:ship)?|policy|customer|patient|order|booking) (?:number|id|no\\.?|#) is\\s+\\S+.*");

  private static final Pattern ASSERTIVE_WORDS =
      Pattern.compile(
          "\\b(?:assertive|assertively|insist|insistent|don't take no|do not take no|push hard)\\b");
  private static final Pattern FIRM_WORDS = Pattern.compile("\\b(?:firm|firmly|stern|sternly)\\b");
  private static final Pattern FRIENDLY_WORDS =
      Pattern.compile(
          "\\b(?:polite|politely|friendly|nice|kind|gentle|gently|warm|casual|casually)\\b");
  private static final Pattern NEUTRAL_WORDS =
      Pattern.compile("\\b(?:professional|formal|formally|neutral|businesslike)\\b");

  private InstructionReader() {}

  static String topic(GoalKind kind, String instruction) {
    Pattern p = TOPIC.get(kind);
    if (p == null) {
      return null;
    }
    Matcher m = p.matcher(instruction);
    if (!m.find()) {
      if (kind != GoalKind.ASK_QUESTION && kind != GoalKind.COMPLAINT) {
        return null;
      }
      m = (kind == GoalKind.COMPLAINT ? COMPLAINT_CLAUSE : CONFIRM).matcher(instruction);
      if (!m.find()) {
        return null;
      }
    }
    String t = m.group(1).trim().replaceAll("\\s+", " ");
    String[] words = t.split(" ");
    if (words.length > 8) {
      t = String.join(" ", java.util.Arrays.copyOf(words, 8));
    }
    return t.isEmpty() ? null : t;
  }

  static Integer partySize(String instruction) {
    Matcher m = PARTY.matcher(instruction);
    if (!m.find()) {
      return null;
    }
    for (int g = 1; g <= m.groupCount(); g++) {
      String v = m.group(g);
      if (v != null) {
        String l = v.toLowerCase(Locale.ROOT);
        return SMALL.containsKey(l) ? SMALL.get(l) : Integer.valueOf(l);
      }
    }
    return null;
  }

  /** Clauses of the instruction: sentences, then parts joined by commas or "but". */
  static List<String> clauses(String instruction) {
    List<String> out = new ArrayList<>();
    for (String sentence : instruction.split("(?<=[.!?;])\\s+|\\s*;\\s*")) {
      for (String c : sentence.split("\\s*,\\s*|\\s+but\\s+|\\s+-\\s+")) {
        String t = c.trim().replaceAll("[.!?]+$", "");
        if (!t.isEmpty()) {
          out.add(t);
        }
      }
    }
    return out;
  }

  static boolean isHard(String clause) {
    return HARD.matcher(clause).find() && !SOFT.matcher(clause).find();
  }

  static boolean isSoft(String clause) {
    return SOFT.matcher(clause).find();
  }

  /** A fact the owner wants passed on ("tell them I'm a new patient"), or null. */
  static String fact(String clause) {
    Matcher m = FACT.matcher(clause);
    if (!m.find()) {
      return null;
    }
    return m.group(1) != null ? m.group(1).trim() : m.group().trim();
  }

  static Tone tone(String instruction, GoalKind kind, Tone fallback) {
    String l = instruction.toLowerCase(Locale.ROOT);
    if (ASSERTIVE_WORDS.matcher(l).find()) {
      return Tone.ASSERTIVE;
    }
    if (FIRM_WORDS.matcher(l).find()) {
      return Tone.FIRM;
    }
    if (FRIENDLY_WORDS.matcher(l).find()) {
      return Tone.FRIENDLY;
    }
    if (NEUTRAL_WORDS.matcher(l).find()) {
      return Tone.NEUTRAL;
    }
    return kind == GoalKind.COMPLAINT ? Tone.FIRM : fallback;
  }

  /** Rewrites "whether they're open" as "whether you're open" for asking the callee directly. */
  static String toSecondPerson(String clause) {
    return clause
        .replaceAll("(?i)\\bthey're\\b", "you're")
        .replaceAll("(?i)\\bthey are\\b", "you are")
        .replaceAll("(?i)\\bthey've\\b", "you've")
        .replaceAll("(?i)\\bthey\\b", "you")
        .replaceAll("(?i)\\btheir\\b", "your")
        .replaceAll("(?i)\\bthem\\b", "you")
        .replaceAll("(?i)\\b(?:he|she)'s\\b", "you're")
        .replaceAll("(?i)\\b(?:he|she)\\b", "you")
        .replaceAll("(?i)\\bhim\\b", "you")
        .replaceAll("(?i)\\bhis\\b", "your");
  }
}
