package dev.parley.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

class ConnectionGuardTest {
  private static final Hello HELLO = new Hello("node-1", 1, 3, 10, "wss://n1:8443");

  private static ProtocolException violation(ConnectionGuard guard, ProtocolMessage message) {
    return catchThrowableOfType(ProtocolException.class, () -> guard.check(message));
  }

  @Test
  void controlPlaneAcceptsHelloThenCallTrafficAndNegotiatesTheVersion() {
    ConnectionGuard guard = ConnectionGuard.forControlPlane();
    guard.check(HELLO);
    assertThat(guard.isEstablished()).isTrue();
    assertThat(guard.version()).isEqualTo(ProtocolVersion.MAX);
    guard.check(new Heartbeat(1, 0));
    guard.check(
        new Transcript(Samples.CALL, 1, Transcript.Speaker.CALLEE, false, 0, 10, 0.5f, "hi"));
    guard.check(new ErrorMessage(Samples.CALL, ErrorCode.UNKNOWN_CALL, "gone"));
  }

  @Test
  void controlPlaneRefusesTrafficBeforeHelloASecondHelloAndNodeBoundTypes() {
    ConnectionGuard guard = ConnectionGuard.forControlPlane();
    ProtocolException early = violation(guard, new Heartbeat(0, 0));
    assertThat(early.code()).isEqualTo(ErrorCode.UNEXPECTED_MESSAGE);
    assertThat(early.reason()).isEqualTo("HEARTBEAT before HELLO");
    guard.check(HELLO);
    assertThat(violation(guard, HELLO).reason()).isEqualTo("second HELLO on one connection");
    assertThat(violation(guard, new Speak(Samples.CALL, 1, 0, true, true, "x")).reason())
        .isEqualTo("SPEAK is sent by the control plane, not to it");
  }

  @Test
  void controlPlaneRefusesAHelloWithNoCommonVersion() {
    ProtocolException e =
        violation(ConnectionGuard.forControlPlane(), new Hello("n", 7, 9, 1, "ws://n"));
    assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_VERSION);
    assertThat(e.reason()).isEqualTo("node speaks 7..9, control plane 1..1");
  }

  @Test
  void nodeWaitsForHelloAckInItsRange() {
    ConnectionGuard guard = ConnectionGuard.forNode(1, 1);
    assertThat(violation(guard, new Clear(Samples.CALL)).reason())
        .isEqualTo("CLEAR before HELLO_ACK");
    guard.check(new ErrorMessage(ProtocolMessage.NO_CALL, ErrorCode.INTERNAL_ERROR, "busy"));
    ConnectionGuard other = ConnectionGuard.forNode(1, 1);
    assertThat(violation(other, new HelloAck(2, 1000)).code())
        .isEqualTo(ErrorCode.UNSUPPORTED_VERSION);
    guard.check(new HelloAck(1, 5000));
    assertThat(guard.version()).isEqualTo(1);
    guard.check(new Speak(Samples.CALL, 1, 0, true, true, "x"));
    assertThat(violation(guard, new HelloAck(1, 5000)).code())
        .isEqualTo(ErrorCode.UNEXPECTED_MESSAGE);
    assertThat(violation(guard, new BargeIn(Samples.CALL, 1, 1, 1)).reason())
        .isEqualTo("BARGE_IN is sent by the node, not to it");
  }
}
