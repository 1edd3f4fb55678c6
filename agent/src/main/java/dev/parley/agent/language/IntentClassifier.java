package dev.parley.agent.language;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Classifies replies as yes, no, unavailable, hold or unsure. Negated affirmations ("that doesn't
 * work") are declines and negated declines ("no problem") are affirmations, so phrases are tried
 * most specific first. Thread-safe.
 */
public final class IntentClassifier {

  private record Rule(Intent intent, Pattern pattern) {}

  private static Rule rule(Intent intent, String regex) {
    return new Rule(intent, Pattern.compile("(?i)(?<![\\w'])(?:" + regex + ")(?![\\w'])"));
  }

  /** Ordered: the first rule that matches anywhere wins, so specific phrases come first. */
  private static final List<Rule> RULES =
      List.of(
          rule(
              Intent.UNAVAILABLE,
              "(?:we're|we are|we're all|i'm|i am|they're|it's|we've been) (?:completely |totally |all |pretty )?"
                  + "(?:fully |all )?(?:booked|full|closed|sold out|out of stock)(?: up)?"
                  + "|fully booked|booked solid|no (?:availability|openings|appointments|slots|spots|tables|vacancies)"
                  + "|(?:don't|do not|doesn't|won't) have (?:any|anything)(?: available| open| free)?"
                  + "|nothing (?:available|open|free|left)|no longer (?:available|offer|do)"
                  + "|(?:don't|do not) (?:offer|do|provide|carry) (?:that|those|this)"
                  + "|(?:not|isn't|aren't) available|unavailable"),
          rule(
              Intent.AFFIRM,
              "no problem|not a problem|no worries|no trouble|why not|can't complain"
                  + "|(?:that|it|this) (?:would |will |should )?(?:work|works|is fine|is great|is perfect|is good|sounds good)"),
          rule(
              Intent.DECLINE,
              "(?:that|it|this|which) (?:doesn't|does not|won't|will not|wouldn't|would not) work"
                  + "|(?:doesn't|does not|won't|wouldn't|can't|cannot|can not) (?:work|do|make it)"
                  + "|not (?:really|interested|possible|going to work|today|right now)|no way"
                  + "|i'd rather not|we can't|we cannot|i can't|i cannot|afraid not"
                  + "|unfortunately|not at this time|no thanks?(?: you)?|nope|nah|negative|decline"),
          rule(
              Intent.HOLD,
              "hold on|hang on|one (?:moment|sec|second|minute)|just a (?:moment|sec|second|minute)"
                  + "|give me a (?:moment|sec|second|minute)|let me (?:check|see|look|find|pull)"
                  + "|bear with me|please hold|can you hold|i'll check|checking now"),
          rule(
              Intent.UNSURE,
              "not sure|i don't know|don't know|maybe|perhaps|possibly|no idea|i'll have to ask"
                  + "|depends|hard to say|i'd have to check"),
          rule(
              Intent.AFFIRM,
              "yes|yeah|yep|yup|yea|sure|certainly|of course|absolutely|definitely|correct"
                  + "|that's right|right|exactly|okay|ok|alright|all right|sounds good|sounds great"
                  + "|perfect|great|fine|go ahead|please do|will do|we can|we do|we have|i can"
                  + "|that's fine|works for me|confirmed|uh-huh|mm-hmm|affirmative|good"),
          rule(Intent.DECLINE, "no|not|don't|sorry"));

  /**
   * Classifies {@code text}; returns {@link Intent#NONE} with an empty fragment if nothing fits.
   */
  public IntentMatch classify(String text) {
    String normalised = text.replace('’', '\'').toLowerCase(Locale.ROOT);
    for (Rule r : RULES) {
      Matcher m = r.pattern.matcher(normalised);
      if (m.find()) {
        return new IntentMatch(r.intent, text.substring(m.start(), m.end()));
      }
    }
    return new IntentMatch(Intent.NONE, "");
  }
}
