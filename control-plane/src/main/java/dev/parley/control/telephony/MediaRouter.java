package dev.parley.control.telephony;

import java.util.Optional;

/** Says which media node carries a call's stream, and at what public WebSocket address. */
public interface MediaRouter {
  /** No media nodes: every lookup is empty. */
  MediaRouter NONE = preferred -> Optional.empty();

  /**
   * The node named {@code preferredNodeId} when it is still connected, else the least loaded
   * connected node, else empty.
   */
  Optional<MediaRoute> route(String preferredNodeId);

  /** A node and the base of its stream URLs, e.g. {@code wss://media-1.example.com}. */
  record MediaRoute(String nodeId, String streamBaseUrl) {}
}
