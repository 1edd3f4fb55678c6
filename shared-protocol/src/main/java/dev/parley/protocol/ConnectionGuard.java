package dev.parley.protocol;

/**
 * The receiving side's connection rules ({@code PROTOCOL.md}, section 4) in one place: the
 * handshake order, one HELLO / HELLO_ACK per connection, and which side may send each type. Call
 * {@link #check(ProtocolMessage)} for every message received, in order; a violation is a {@link
 * ProtocolException} to answer with ERROR and close, like a decoding error. Not thread-safe: one
 * per connection, used on its event loop.
 */
public final class ConnectionGuard {
  /** The side of the connection this guard protects. */
  public enum Role {
    NODE,
    CONTROL_PLANE
  }

  private final Role role;
  private final int minVersion;
  private final int maxVersion;
  private boolean established;
  private int version;

  private ConnectionGuard(Role role, int minVersion, int maxVersion) {
    this.role = role;
    this.minVersion = minVersion;
    this.maxVersion = maxVersion;
  }

  /** A guard for a media node, which sent HELLO with {@code [minVersion, maxVersion]}. */
  public static ConnectionGuard forNode(int minVersion, int maxVersion) {
    return new ConnectionGuard(Role.NODE, minVersion, maxVersion);
  }

  /** A guard for the control plane's end of a node connection. */
  public static ConnectionGuard forControlPlane() {
    return new ConnectionGuard(Role.CONTROL_PLANE, ProtocolVersion.MIN, ProtocolVersion.MAX);
  }

  /**
   * Checks that {@code message} may arrive now and advances the handshake. On the control plane, a
   * HELLO whose range shares no version with this build is UNSUPPORTED_VERSION; otherwise answer it
   * with HELLO_ACK({@link ProtocolVersion#negotiate}), which is also {@link #version()}.
   *
   * @throws ProtocolException UNEXPECTED_MESSAGE or UNSUPPORTED_VERSION
   */
  public void check(ProtocolMessage message) {
    MessageType type = message.type();
    if (type.sender() != MessageType.Sender.BOTH && type.sender().name().equals(role.name())) {
      throw unexpected(type + " is sent by the " + describe(role) + ", not to it");
    }
    if (type == MessageType.ERROR) {
      return;
    }
    if (role == Role.CONTROL_PLANE) {
      checkAtControlPlane(message, type);
    } else {
      checkAtNode(message, type);
    }
  }

  private void checkAtControlPlane(ProtocolMessage message, MessageType type) {
    if (type == MessageType.HELLO) {
      if (established) {
        throw unexpected("second HELLO on one connection");
      }
      Hello hello = (Hello) message;
      int chosen = ProtocolVersion.negotiate(hello.minVersion(), hello.maxVersion());
      if (chosen < 0) {
        throw new ProtocolException(
            ErrorCode.UNSUPPORTED_VERSION,
            "node speaks "
                + hello.minVersion()
                + ".."
                + hello.maxVersion()
                + ", control plane "
                + ProtocolVersion.MIN
                + ".."
                + ProtocolVersion.MAX);
      }
      version = chosen;
      established = true;
    } else if (!established) {
      throw unexpected(type + " before HELLO");
    }
  }

  private void checkAtNode(ProtocolMessage message, MessageType type) {
    if (type == MessageType.HELLO_ACK) {
      if (established) {
        throw unexpected("second HELLO_ACK on one connection");
      }
      int chosen = ((HelloAck) message).version();
      if (chosen < minVersion || chosen > maxVersion) {
        throw new ProtocolException(
            ErrorCode.UNSUPPORTED_VERSION,
            "HELLO_ACK chose version "
                + chosen
                + ", node speaks "
                + minVersion
                + ".."
                + maxVersion);
      }
      version = chosen;
      established = true;
    } else if (!established) {
      throw unexpected(type + " before HELLO_ACK");
    }
  }

  /** Whether the handshake is complete on this side. */
  public boolean isEstablished() {
    return established;
  }

  /** The agreed version once {@link #isEstablished()}, else 0. */
  public int version() {
    return version;
  }

  private static String describe(Role role) {
    return role == Role.NODE ? "node" : "control plane";
  }

  private static ProtocolException unexpected(String reason) {
    return new ProtocolException(ErrorCode.UNEXPECTED_MESSAGE, reason);
  }
}
