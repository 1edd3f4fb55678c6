package dev.parley.protocol;

/**
 * The protocol versions this build speaks and the negotiation rule of HELLO / HELLO_ACK: the
 * control plane chooses the highest version inside both sides' ranges.
 */
public final class ProtocolVersion {
  /** The oldest version this build speaks. */
  public static final int MIN = 1;

  /** The newest version this build speaks; the encoder writes it unless told otherwise. */
  public static final int MAX = 1;

  private ProtocolVersion() {}

  /**
   * The version to answer a HELLO with, or {@code -1} when the node's range {@code [nodeMin,
   * nodeMax]} and this build's range do not overlap (answer ERROR UNSUPPORTED_VERSION and close).
   */
  public static int negotiate(int nodeMin, int nodeMax) {
    int chosen = Math.min(nodeMax, MAX);
    return chosen >= Math.max(nodeMin, MIN) ? chosen : -1;
  }

  /** Whether this build can read and write frames of {@code version}. */
  public static boolean isSupported(int version) {
    return version >= MIN && version <= MAX;
  }
}
