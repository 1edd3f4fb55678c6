package dev.parley.agent.analysis;

import dev.parley.agent.analysis.RuleBasedPostCallAnalyst.Facts;
import dev.parley.agent.planning.CallPlan;
import dev.parley.agent.planning.GoalKind;

/** Suggests the next instruction when a call left something to do. */
final class FollowUps {

  private FollowUps() {}

  /** An instruction the planner could take as the next call, or null when nothing is left. */
  static String instruction(CallPlan plan, CallOutcome outcome, Facts f, boolean achieved) {
    String callee = plan.calleeLabel();
    String goal = lowerFirst(stripPeriod(plan.goal()));
    return switch (outcome) {
      case OPTED_OUT, TRANSFERRED -> null;
      case NO_ANSWER -> "Call " + callee + " again to " + goal + ".";
      case VOICEMAIL -> achieved ? null : "Call " + callee + " again to " + goal + ".";
      case WRONG_NUMBER -> "Find the correct phone number for " + callee + ".";
      case DECLINED_BY_OWNER ->
          "Find another provider"
              + (plan.topic() != null ? " for " + plan.topic() : "")
              + (plan.moneyLimit() != null ? " under " + plan.moneyLimit().spoken() : "")
              + ".";
      case UNAVAILABLE ->
          "Call " + callee + " again to " + goal + ", offering a wider time window.";
      case PARTIAL ->
          plan.goalKind() == GoalKind.COMPLAINT
              ? "Call "
                  + callee
                  + " back about case "
                  + (f.code != null ? f.code.code() : "")
                  + " and ask for a refund or credit."
              : "Call " + callee + " to confirm the booking and get a confirmation number.";
      case NOT_ACHIEVED ->
          f.instructions.isEmpty()
              ? "Call " + callee + " again to " + goal + "."
              : "Follow " + callee + "'s instructions: " + String.join(" ", f.instructions);
      case COMPLETED -> null;
    };
  }

  private static String lowerFirst(String s) {
    return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
  }

  private static String stripPeriod(String s) {
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }
}
