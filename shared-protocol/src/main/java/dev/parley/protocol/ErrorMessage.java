package dev.parley.protocol;

import java.util.Objects;
import java.util.UUID;

/**
 * ERROR: a protocol or call error. With {@link ProtocolMessage#NO_CALL} it concerns the connection
 * and its sender closes the connection after it when {@link ErrorCode#closesConnection()}; with a
 * call id it concerns that call only.
 *
 * @param callId the call concerned, or {@link ProtocolMessage#NO_CALL}
 * @param code the typed error
 * @param text a short human-readable reason
 */
public record ErrorMessage(UUID callId, ErrorCode code, String text) implements ProtocolMessage {

  /** Validates the fields. */
  public ErrorMessage {
    Objects.requireNonNull(callId, "callId");
    Objects.requireNonNull(code, "code");
    Checks.text(text, "text");
  }

  @Override
  public MessageType type() {
    return MessageType.ERROR;
  }
}
