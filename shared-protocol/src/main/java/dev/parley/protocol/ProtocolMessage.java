package dev.parley.protocol;

import java.util.UUID;

/**
 * One message of the control-plane ⇄ media-node protocol. Every implementation is an immutable
 * record that validates its fields on construction; {@link ProtocolEncoder} writes it as one frame
 * and {@link ProtocolDecoder} / {@link ProtocolReader} read it back.
 */
public sealed interface ProtocolMessage
    permits Hello,
        HelloAck,
        Heartbeat,
        ErrorMessage,
        SessionStart,
        SessionReady,
        SessionEnd,
        CallStats,
        Transcript,
        SpeechStarted,
        SpeechStopped,
        BargeIn,
        DtmfReceived,
        UtterancePlayed,
        Speak,
        Clear,
        SendDtmf,
        Hangup,
        ToolCall,
        ToolResult {

  /** The all-zero call id that connection-level messages carry. */
  UUID NO_CALL = new UUID(0L, 0L);

  /** This message's type. */
  MessageType type();

  /** The call this message belongs to, or {@link #NO_CALL} for connection-level messages. */
  UUID callId();
}
