package dev.parley.agent.dialog;

import java.math.BigDecimal;
import java.util.Map;

/**
 * What the agent does in response to a turn; the control plane carries each action out in order.
 */
public sealed interface AgentAction {

  /**
   * Say something.
   *
   * @param text what to say
   * @param interruptible whether the callee may barge in (legal disclosures are not)
   */
  record Speak(String text, boolean interruptible) implements AgentAction {}

  /**
   * Send touch tones, e.g. to answer an automated menu.
   *
   * @param digits the keys: 0-9, *, #, and w for a half-second pause
   */
  record SendDtmf(String digits) implements AgentAction {}

  /**
   * Invoke a control-plane tool.
   *
   * @param name the tool ("record_fact")
   * @param args string arguments
   */
  record CallTool(String name, Map<String, String> args) implements AgentAction {}

  /**
   * Ask the owner to approve something during the call; the answer arrives as {@link
   * DialogEvent.ApprovalDecided}. The agent has already asked the callee to hold. A control plane
   * may decide at once without the owner when {@code amount} is within the owner's auto-approve
   * amount.
   *
   * @param reason what the owner is asked to approve, in one sentence
   * @param amount the amount involved, or null
   */
  record RequestApproval(String reason, BigDecimal amount) implements AgentAction {}

  /**
   * Transfer the call to another number.
   *
   * @param number E.164 number
   */
  record Transfer(String number) implements AgentAction {}

  /**
   * End the call.
   *
   * @param reason why: completed, voicemail_left, opt_out, wrong_number, no_response, ...
   */
  record HangUp(String reason) implements AgentAction {}

  /**
   * Put the number called on the do-not-call list.
   *
   * @param number the E.164 number, or null when the plan had none
   * @param reason the callee's words
   */
  record AddToDoNotCall(String number, String reason) implements AgentAction {}
}
