package dev.parley.media.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.media.realtime.RealtimeServerEvent.FunctionCallDone;
import dev.parley.media.realtime.RealtimeServerEvent.OutputItemAdded;
import dev.parley.protocol.ProtocolLimits;
import dev.parley.protocol.ToolCall;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The model's function calls on one call: names from {@code response.output_item.added} (the
 * arguments' done event carries none), TOOL_CALLs checked against the protocol's limits, the calls
 * still waiting for a TOOL_RESULT, and the hang-up request. A result is applied at most once. Event
 * loop only.
 */
final class RealtimeToolCalls {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_ID_BYTES = ProtocolLimits.DEFAULT.maxIdBytes();
  private static final int MAX_JSON_BYTES = ProtocolLimits.DEFAULT.maxJsonBytes();

  /**
   * What to do with a finished function call: send {@code toolCall} to the control plane, or answer
   * the model with {@code refusal} (a JSON error) because the call cannot be carried.
   */
  record Outcome(ToolCall toolCall, String refusal) {}

  private final UUID callId;
  private final Map<String, String> names = new HashMap<>();
  private final Map<String, String> pending = new LinkedHashMap<>();
  private int nextLocalId = 1;
  private String hangUpReason;

  RealtimeToolCalls(UUID callId) {
    this.callId = callId;
  }

  /** Remembers a function call item's name. */
  void itemAdded(OutputItemAdded item) {
    if ("function_call".equals(item.itemType())) {
      names.put(item.itemId(), item.name());
    }
  }

  /**
   * Turns a finished function call into a TOOL_CALL or a refusal. Once the model has called {@value
   * RealtimeTools#HANG_UP} the call is ending, and every later function call (a second hang-up
   * included) is refused, not carried out: a booking, an opt-out or a fact the callee never hears
   * confirmed must not happen behind their back as the line goes dead. Refused (answered to the
   * model with an error) rather than dropped, so the model's conversation holds no call without an
   * output if the provider starts another response before the socket closes; no response is asked
   * for after a hang-up, so the answer costs one small event and nothing else.
   */
  Outcome done(FunctionCallDone f) {
    String name = names.remove(f.itemId());
    if (hangUpReason != null) {
      return refuse(
          "not carried out: the call is ending ("
              + RealtimeTools.HANG_UP
              + " was called before "
              + (name == null || name.isEmpty() ? "this call" : Utf8Text.fit(name, 80))
              + ")");
    }
    if (name == null || name.isEmpty()) {
      return refuse("unknown function: no name was announced for item " + f.itemId());
    }
    if (Utf8Text.length(name) > MAX_ID_BYTES) {
      return refuse("unknown function " + Utf8Text.fit(name, 80));
    }
    if (Utf8Text.length(f.arguments()) > MAX_JSON_BYTES) {
      return refuse("arguments longer than " + MAX_JSON_BYTES + " bytes");
    }
    // The provider's id goes to the control plane when it fits the protocol; otherwise a local one.
    String id =
        !f.callId().isEmpty() && Utf8Text.length(f.callId()) <= MAX_ID_BYTES
            ? f.callId()
            : "rt-call-" + nextLocalId++;
    if (RealtimeTools.HANG_UP.equals(name)) {
      hangUpReason = reasonOf(f.arguments());
    } else {
      pending.put(id, f.callId());
    }
    return new Outcome(new ToolCall(callId, id, name, f.arguments()), null);
  }

  /** Forgets a call whose item was never finished (a cancelled response). */
  void dropName(String itemId) {
    names.remove(itemId);
  }

  /**
   * The provider's call id for a TOOL_RESULT's id, removed so a repeated result is not applied
   * twice; null when unknown or already answered.
   */
  String answer(String toolCallId) {
    return pending.remove(toolCallId);
  }

  /** True while a TOOL_RESULT is outstanding. */
  boolean outstanding() {
    return !pending.isEmpty();
  }

  /** Whether the model has called the hang-up tool: the call is ending. */
  boolean hangingUp() {
    return hangUpReason != null;
  }

  /** The hang-up tool's reason once the model called it, else null. */
  String hangUpReason() {
    return hangUpReason;
  }

  /** A {@code function_call_output} body for an error. */
  static String error(String message) {
    return JSON.createObjectNode().put("error", message).toString();
  }

  private static Outcome refuse(String why) {
    return new Outcome(null, why);
  }

  private static String reasonOf(String arguments) {
    try {
      JsonNode n = JSON.readTree(arguments);
      String r = n == null ? "" : n.path("reason").asText("");
      return r.isBlank() ? "agent hung up" : Utf8Text.fit(r, 200);
    } catch (java.io.IOException e) {
      return "agent hung up";
    }
  }
}
