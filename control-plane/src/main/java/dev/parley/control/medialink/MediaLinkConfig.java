package dev.parley.control.medialink;

import java.time.Duration;

/**
 * The media link's settings.
 *
 * @param port TCP port ({@code PARLEY_MEDIA_LINK_PORT}, default 9400; 0 picks a free one)
 * @param heartbeatInterval the interval nodes are told to send HEARTBEAT at (in HELLO_ACK)
 * @param missedHeartbeats a node silent for this many intervals is lost
 * @param helloTimeout how long a new connection may take to say HELLO
 */
public record MediaLinkConfig(
    String host,
    int port,
    Duration heartbeatInterval,
    int missedHeartbeats,
    Duration helloTimeout) {

  public MediaLinkConfig {
    if (missedHeartbeats < 1) {
      throw new IllegalArgumentException("missedHeartbeats must be at least 1");
    }
  }

  /** How long a node may stay silent. */
  public Duration silenceLimit() {
    return heartbeatInterval.multipliedBy(missedHeartbeats);
  }
}
