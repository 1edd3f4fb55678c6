package dev.parley.agent.planning;

import java.util.List;
import java.util.regex.Pattern;

/** Decides the goal kind of an instruction from its verbs; the most specific goal wins. */
final class GoalClassifier {

  private record Rule(GoalKind kind, Pattern pattern) {}

  private static Rule rule(GoalKind kind, String regex) {
    return new Rule(kind, Pattern.compile("(?i)" + regex));
  }

  private static final List<Rule> RULES =
      List.of(
          rule(GoalKind.REMINDER, "\\bremind"),
          rule(
              GoalKind.RESCHEDULE,
              "\\bre-?schedul|\\b(?:move|change|push|shift|bump)\\b(?:\\s+\\S+){0,4}\\s+"
                  + "(?:appointment|booking|reservation|service|cleaning|visit|slot|checkup|session|lesson)\\b"
                  + "|\\bpush (?:it|that) back"),
          rule(
              GoalKind.COMPLAINT,
              "\\bcomplain|\\bcomplaint|\\bdispute|\\bovercharg|\\bwrong(?:ly)? (?:charg|bill)"
                  + "|\\bcharged (?:me |us )?twice|\\bdouble[- ]charg|\\bbilling (?:error|mistake|issue|problem)"
                  + "|\\bunauthori[sz]ed charge"),
          rule(
              GoalKind.CANCEL,
              "\\bcancel|\\bterminate|\\bclose (?:my|our|the) account"
                  + "|\\b(?:end|stop|discontinue) (?:my|our|the) (?:membership|subscription|contract|service|plan)"),
          rule(
              GoalKind.GET_QUOTE,
              "\\bquote|\\bestimate|\\bhow much|\\bprice (?:for|of|to)|\\bpricing|\\bwhat (?:it|they) (?:would )?(?:cost|charge)"
                  + "|\\bcost (?:of|to|for)\\b|\\bcompare prices"),
          rule(
              GoalKind.MAKE_RESERVATION,
              "\\btable for|\\breserv|\\bbook (?:a |us a |me a )?(?:table|room|hotel)"),
          rule(
              GoalKind.BOOK_APPOINTMENT,
              "\\bbook|\\bschedule|\\bappointment|\\bmake an? |\\bset up|\\bsign (?:me|us) up"
                  + "|\\bget (?:me |us )?(?:a |an )?(?:cleaning|check-?up|haircut|slot|appointment|consultation)"
                  + "|\\barrange"),
          rule(GoalKind.COMPLAINT, "\\brefund"),
          rule(
              GoalKind.ASK_QUESTION,
              "\\bask\\b|\\bfind out|\\bcheck (?:if|whether|when|what|how|on|their)|\\bwhether|\\bconfirm"
                  + "|\\binquire|\\benquire|\\bsee if|\\bwhat time|\\bare they open|\\bdo they|\\bif they"));

  private GoalClassifier() {}

  static GoalKind classify(String instruction) {
    for (Rule r : RULES) {
      if (r.pattern.matcher(instruction).find()) {
        return r.kind;
      }
    }
    return GoalKind.OTHER;
  }
}
