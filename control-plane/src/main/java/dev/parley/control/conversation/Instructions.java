package dev.parley.control.conversation;

import dev.parley.agent.planning.CallPlan;
import dev.parley.control.conversation.CallContexts.CallContext;

/**
 * The plan written out as instructions for a model that holds the call itself (speech-to-speech
 * mode): who it is, who it calls for, the goal, the limits and what it must never do.
 */
final class Instructions {
  /** SESSION_START carries at most 4,096 bytes of instructions. */
  private static final int MAX_CHARS = 3500;

  private Instructions() {}

  static String of(CallContext context) {
    CallPlan plan = context.plan();
    StringBuilder sb = new StringBuilder();
    sb.append("You are ")
        .append(context.dialog().settings().agentName())
        .append(", an AI assistant making a phone call on behalf of ")
        .append(context.dialog().owner().fullName())
        .append(". Say that you are an AI assistant in your first sentence. ");
    sb.append("Goal: ").append(plan.goal()).append(". ");
    if (plan.moneyLimit() != null) {
      sb.append("Do not agree to pay more than ")
          .append(plan.moneyLimit().max().toPlainString())
          .append(' ')
          .append(plan.moneyLimit().currency())
          .append("; above it, call request_approval and wait. ");
    }
    if (!plan.hardConstraints().isEmpty()) {
      sb.append("Must: ").append(String.join("; ", plan.hardConstraints())).append(". ");
    }
    if (!plan.softPreferences().isEmpty()) {
      sb.append("Prefer: ").append(String.join("; ", plan.softPreferences())).append(". ");
    }
    if (!plan.questions().isEmpty()) {
      sb.append("Ask: ").append(String.join(" ", plan.questions())).append(' ');
    }
    java.util.List<String> forbidden = context.dialog().settings().forbiddenPhrases();
    if (!forbidden.isEmpty()) {
      sb.append("Never say: ").append(String.join("; ", forbidden)).append(". ");
    }
    sb.append(
        "Share only the owner's details you are allowed to. Read back the key details before"
            + " you end the call. If asked not to call again, call add_to_do_not_call and end"
            + " politely.");
    return sb.length() > MAX_CHARS ? sb.substring(0, MAX_CHARS) : sb.toString();
  }
}
