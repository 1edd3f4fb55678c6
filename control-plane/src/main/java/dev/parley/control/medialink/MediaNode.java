package dev.parley.control.medialink;

import io.netty.channel.Channel;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One connected media node as the control plane sees it: identity and public stream URL from HELLO,
 * load from the latest HEARTBEAT, and the calls it was given.
 */
public final class MediaNode {
  private final String id;
  private final String mediaUrl;
  private final int capacity;
  private final int version;
  private final Channel channel;
  private final Set<UUID> calls = ConcurrentHashMap.newKeySet();
  private volatile int reportedActiveCalls;
  private volatile int loadPermille;

  MediaNode(String id, String mediaUrl, int capacity, int version, Channel channel) {
    this.id = id;
    this.mediaUrl = mediaUrl;
    this.capacity = capacity;
    this.version = version;
    this.channel = channel;
  }

  public String id() {
    return id;
  }

  /** The base of this node's stream URLs, e.g. {@code wss://media-1.example.com}. */
  public String mediaUrl() {
    return mediaUrl;
  }

  public int capacity() {
    return capacity;
  }

  /** The protocol version agreed in the handshake. */
  public int version() {
    return version;
  }

  Channel channel() {
    return channel;
  }

  Set<UUID> calls() {
    return calls;
  }

  void heartbeat(int activeCalls, int loadPermille) {
    this.reportedActiveCalls = activeCalls;
    this.loadPermille = loadPermille;
  }

  /**
   * Load for choosing a node: the larger of the call share (calls we gave it, or what it reports if
   * higher) and the node's own load figure, in permille.
   */
  int load() {
    int active = Math.max(calls.size(), reportedActiveCalls);
    int callShare = capacity <= 0 ? 1000 : (int) Math.min(1000L, active * 1000L / capacity);
    return Math.max(callShare, loadPermille);
  }

  boolean full() {
    return Math.max(calls.size(), reportedActiveCalls) >= capacity;
  }
}
