package dev.parley.agent.dialog;

import dev.parley.agent.planning.CallPlan;
import dev.parley.agent.planning.GoalKind;
import java.util.List;
import java.util.Locale;

/**
 * Walks the plan's questions, skipping the ones the goal's own steps already ask (availability,
 * price, confirmation number …), so the callee is never asked the same thing twice.
 */
final class PlanQuestions {
  private PlanQuestions() {}

  /** The next plan question still to ask, advancing {@code s}'s question index; null when done. */
  static String next(CallPlan plan, Session s) {
    List<String> qs = plan.questions();
    while (s.questionIndex < qs.size()) {
      String q = qs.get(s.questionIndex++);
      String l = q.toLowerCase(Locale.ROOT);
      boolean covered =
          l.contains("availab")
              || l.contains("a table for")
              || l.contains("be moved to")
              || l.startsWith("can you cancel")
              || l.contains("remind")
              || l.contains("will you be able to make it")
              || (l.contains("confirmation") && !l.contains("fee"))
              || l.contains("reference number")
              || ((l.contains("how much") || l.contains("total price") || l.contains("cost"))
                  && !l.contains("fee"))
              || (plan.goalKind() == GoalKind.ASK_QUESTION && s.questionIndex == 1)
              || (plan.goalKind() == GoalKind.COMPLAINT && l.startsWith("can you explain"))
              || (l.contains("refund") && s.slots.containsKey(Slots.RESOLVED));
      if (!covered) {
        return q;
      }
    }
    return null;
  }
}
