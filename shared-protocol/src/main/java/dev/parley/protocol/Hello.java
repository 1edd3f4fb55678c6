package dev.parley.protocol;

import java.util.UUID;

/**
 * HELLO, the node's first frame: who it is, which protocol versions it speaks, how many calls it
 * takes, and where Twilio must open media streams to it.
 *
 * @param nodeId the node's stable identifier
 * @param minVersion the oldest protocol version the node speaks (≥ 1)
 * @param maxVersion the newest protocol version the node speaks (≥ minVersion, ≤ 255)
 * @param capacity the most concurrent calls the node accepts
 * @param mediaUrl the node's public media URL, {@code ws://} or {@code wss://host:port}
 */
public record Hello(String nodeId, int minVersion, int maxVersion, int capacity, String mediaUrl)
    implements ProtocolMessage {

  /** Validates the fields. */
  public Hello {
    Checks.text(nodeId, "nodeId");
    if (nodeId.isEmpty()) {
      throw new IllegalArgumentException("node id is empty");
    }
    Checks.range(minVersion, 1, 255, "min version");
    Checks.range(maxVersion, minVersion, 255, "max version");
    Checks.nonNegative(capacity, "capacity");
    Checks.text(mediaUrl, "mediaUrl");
    if (!mediaUrl.startsWith("ws://") && !mediaUrl.startsWith("wss://")) {
      throw new IllegalArgumentException("media URL is not ws:// or wss://: '" + mediaUrl + "'");
    }
  }

  @Override
  public MessageType type() {
    return MessageType.HELLO;
  }

  @Override
  public UUID callId() {
    return NO_CALL;
  }
}
