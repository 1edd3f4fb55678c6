package dev.parley.protocol;

import java.util.UUID;

/**
 * TOOL_CALL: in speech-to-speech mode the model asked for a function call; the control plane runs
 * it and answers with TOOL_RESULT.
 *
 * @param callId the call
 * @param toolCallId the model's id for this call of the tool
 * @param name the tool's name
 * @param argumentsJson the arguments as JSON text, passed through unparsed
 */
public record ToolCall(UUID callId, String toolCallId, String name, String argumentsJson)
    implements ProtocolMessage {

  /** Validates the fields. */
  public ToolCall {
    Checks.callId(callId);
    Checks.text(toolCallId, "toolCallId");
    Checks.text(name, "name");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("tool name is empty");
    }
    Checks.text(argumentsJson, "argumentsJson");
  }

  @Override
  public MessageType type() {
    return MessageType.TOOL_CALL;
  }
}
