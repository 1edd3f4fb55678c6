package dev.parley.protocol;

import java.util.UUID;

/**
 * TOOL_RESULT: the control plane's answer to a TOOL_CALL.
 *
 * @param callId the call
 * @param toolCallId the TOOL_CALL's tool call id
 * @param outputJson the tool's output as JSON text
 */
public record ToolResult(UUID callId, String toolCallId, String outputJson)
    implements ProtocolMessage {

  /** Validates the fields. */
  public ToolResult {
    Checks.callId(callId);
    Checks.text(toolCallId, "toolCallId");
    Checks.text(outputJson, "outputJson");
  }

  @Override
  public MessageType type() {
    return MessageType.TOOL_RESULT;
  }
}
