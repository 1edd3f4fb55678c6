package dev.parley.agent.llm.dialog;

import static dev.parley.agent.llm.JsonSchemas.enumOf;
import static dev.parley.agent.llm.JsonSchemas.object;
import static dev.parley.agent.llm.JsonSchemas.props;
import static dev.parley.agent.llm.JsonSchemas.string;
import static dev.parley.agent.llm.ToolArguments.required;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.agent.dialog.AgentAction;
import dev.parley.agent.dialog.ConversationState.Awaiting;
import dev.parley.agent.dialog.ConversationState.Phase;
import dev.parley.agent.dialog.DialogContext;
import dev.parley.agent.dialog.Slots;
import dev.parley.agent.dialog.Turn;
import dev.parley.agent.llm.InvalidOutputException;
import dev.parley.agent.llm.ToolArguments;
import dev.parley.agent.llm.TurnBuilder;
import dev.parley.agent.llm.client.ToolCall;
import dev.parley.agent.llm.client.ToolSpec;
import dev.parley.agent.planning.PersonalField;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The rule-based agent's actions offered to the model as tools (speaking is the model's text), and
 * how each call turns into an {@link AgentAction} and a state change. A call with a bad name or bad
 * arguments is {@link InvalidOutputException}.
 */
final class DialogTools {

  /** Hang-up reasons the control plane knows (agent/README.md). */
  static final List<String> HANG_UP_REASONS =
      List.of(
          "completed",
          "not_achieved",
          "callee_ended",
          "voicemail_left",
          "voicemail_skipped",
          "opt_out",
          "wrong_number",
          "unavailable",
          "no_suitable_time",
          "approval_declined",
          "no_response",
          "menu_loop",
          "menu_dead_end",
          "too_long");

  static final List<String> FACT_KEYS =
      List.of(
          Slots.APPOINTMENT_TIME,
          Slots.APPOINTMENT_TIME_RAW,
          Slots.PRICE,
          Slots.PRICE_RAW,
          Slots.CONFIRMATION_CODE,
          Slots.PERSON_NAME,
          Slots.BUSINESS_NAME,
          Slots.ANSWER,
          Slots.ACKNOWLEDGED,
          Slots.CONFIRMED,
          Slots.CANCELLED,
          Slots.RESOLVED,
          Slots.INSTRUCTIONS);

  private static final Pattern DIGITS = Pattern.compile("[0-9*#w]{1,32}");
  private static final Pattern DECIMAL = Pattern.compile("\\d{1,9}(?:\\.\\d{1,2})?");

  DialogTools() {}

  /** The tools for this call; transfer only when the owner's number may be shared. */
  static List<ToolSpec> specs(DialogContext c) {
    List<ToolSpec> tools = new ArrayList<>();
    tools.add(
        new ToolSpec(
            "record_fact",
            "Save a fact the callee gave as soon as you hear it, so it survives a dropped call.",
            object(
                props(
                    "key",
                    enumOf("What the fact is.", FACT_KEYS),
                    "value",
                    string(
                        "The value: appointment_time as ISO-8601 with offset, price as a plain"
                            + " decimal, confirmation_code in capitals, true/false for flags,"
                            + " the callee's words otherwise.")))));
    tools.add(
        new ToolSpec(
            "send_dtmf",
            "Press keys to answer an automated phone menu.",
            object(props("digits", string("Keys 0-9, * and #; w is a half-second pause.")))));
    tools.add(
        new ToolSpec(
            "request_approval",
            "Ask the owner to approve a price above the limit; tell the callee you are checking"
                + " and ask them to hold in the same reply.",
            object(
                props(
                    "reason",
                    string("What the owner is asked to approve, in one sentence."),
                    "amount",
                    string("The amount as a plain decimal, e.g. 240 or 89.99.")))));
    if (c.owner().phone() != null && c.settings().mayShare(PersonalField.PHONE)) {
      tools.add(
          new ToolSpec(
              "transfer",
              "Connect the callee to the owner when they insist on speaking with them.",
              object(props())));
    }
    tools.add(
        new ToolSpec(
            "hang_up",
            "End the call after your goodbye, which goes in the same reply.",
            object(props("reason", enumOf("Why the call ends.", HANG_UP_REASONS)))));
    tools.add(
        new ToolSpec(
            "add_to_do_not_call",
            "The callee asked not to be called again: never call this number again.",
            object(props("reason", string("The callee's words.")))));
    return tools;
  }

  /**
   * Applies one tool call to the turn.
   *
   * @return the tool result to feed back to the model
   * @throws InvalidOutputException for an unknown tool or bad arguments
   */
  String apply(DialogContext c, TurnBuilder t, ToolCall call) throws InvalidOutputException {
    JsonNode args = ToolArguments.of(call);
    String name = call.name() == null ? "" : call.name();
    switch (name) {
      case "record_fact" -> {
        String key = required(call, args, "key");
        String value = required(call, args, "value");
        if (!FACT_KEYS.contains(key)) {
          throw new InvalidOutputException(
              "record_fact key '" + key + "' is not one of " + FACT_KEYS);
        }
        t.remember(key, value);
        return "recorded " + key;
      }
      case "send_dtmf" -> {
        String digits = required(call, args, "digits");
        if (!DIGITS.matcher(digits).matches()) {
          throw new InvalidOutputException(
              "send_dtmf digits '" + digits + "' must be 1-32 of 0-9, *, # and w");
        }
        t.act(new AgentAction.SendDtmf(digits));
        t.turns.add(new Turn(Turn.Speaker.SYSTEM, "[pressed " + digits + "]", false));
        t.phase = Phase.MENU;
        t.menus++;
        return "pressed " + digits;
      }
      case "request_approval" -> {
        String reason = required(call, args, "reason");
        String amount = required(call, args, "amount").replace("$", "").replace(",", "").trim();
        if (!DECIMAL.matcher(amount).matches()) {
          throw new InvalidOutputException(
              "request_approval amount '" + amount + "' is not a plain decimal like 240 or 89.99");
        }
        t.remember(Slots.PRICE, new BigDecimal(amount).toPlainString());
        t.act(new AgentAction.RequestApproval(reason, new BigDecimal(amount)));
        t.phase = Phase.AWAITING_APPROVAL;
        t.awaiting = Awaiting.APPROVAL;
        return "asked the owner; their answer arrives as a call event";
      }
      case "transfer" -> {
        if (c.owner().phone() == null || !c.settings().mayShare(PersonalField.PHONE)) {
          throw new InvalidOutputException("transfer is not available on this call");
        }
        t.act(new AgentAction.Transfer(c.owner().phone()));
        t.end("transferred");
        return "transferring";
      }
      case "hang_up" -> {
        String reason = required(call, args, "reason");
        if (!HANG_UP_REASONS.contains(reason)) {
          throw new InvalidOutputException(
              "hang_up reason '" + reason + "' is not one of " + HANG_UP_REASONS);
        }
        t.hangUp(reason);
        return "hanging up";
      }
      case "add_to_do_not_call" -> {
        String reason = required(call, args, "reason");
        t.act(new AgentAction.AddToDoNotCall(c.plan().targetPhone(), reason));
        return "number added to the do-not-call list";
      }
      default -> throw new InvalidOutputException("there is no tool named '" + name + "'");
    }
  }
}
