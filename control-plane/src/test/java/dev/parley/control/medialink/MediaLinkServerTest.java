package dev.parley.control.medialink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.control.dispatch.DialPreparation;
import dev.parley.control.dispatch.SettableClock;
import dev.parley.protocol.CallDirection;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.ErrorMessage;
import dev.parley.protocol.Heartbeat;
import dev.parley.protocol.Hello;
import dev.parley.protocol.HelloAck;
import dev.parley.protocol.ProtocolMessage;
import dev.parley.protocol.SessionStart;
import dev.parley.protocol.SpeechStarted;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The media link through real TCP sockets: handshake, version negotiation, heartbeats, loss,
 * routing.
 */
class MediaLinkServerTest {
  static final byte[] SECRET = "media-link-test-secret-0123456789".getBytes(StandardCharsets.UTF_8);

  MediaNodeRegistry registry;
  MediaLinkServer server;
  BlockingQueue<ProtocolMessage> events;
  Map<String, Collection<UUID>> lost;

  @BeforeEach
  void start() throws Exception {
    registry =
        new MediaNodeRegistry(
            new MediaNodeRegistry.SessionDefaults(
                SECRET,
                Duration.ofMinutes(5),
                "+15005550006",
                "en-US",
                "default",
                "offline",
                "offline",
                "Hello!",
                dev.parley.protocol.SpeechMode.PIPELINE),
            new SettableClock(Instant.parse("2026-03-10T15:00:00Z")));
    lost = new ConcurrentHashMap<>();
    registry.onNodeLost(lost::put);
    events = new LinkedBlockingQueue<>();
    MediaEventListener listener = (node, m) -> events.add(m);
    server =
        new MediaLinkServer(
                new MediaLinkConfig(
                    "127.0.0.1", 0, Duration.ofMillis(1000), 3, Duration.ofSeconds(3)),
                registry,
                List.of(listener))
            .start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void helloIsAnsweredAndTheNodeCarriesCallsChosenByLoad() throws Exception {
    try (TestNode a = new TestNode(server.port());
        TestNode b = new TestNode(server.port())) {
      a.send(new Hello("node-a", 1, 3, 10, "wss://a.media.example"));
      assertThat(a.next()).isEqualTo(new HelloAck(1, 1000));
      b.send(new Hello("node-b", 1, 1, 10, "wss://b.media.example"));
      assertThat(b.next()).isEqualTo(new HelloAck(1, 1000));
      // node-a reports itself busy: node-b gets the next call.
      a.send(new Heartbeat(8, 800));
      assertThat(a.next()).isInstanceOf(Heartbeat.class);
      b.send(new Heartbeat(0, 50));
      assertThat(b.next()).isInstanceOf(Heartbeat.class);

      UUID session = UUID.randomUUID();
      String chosen =
          registry.prepare(
              new DialPreparation.PreparedDial(
                  session, UUID.randomUUID(), UUID.randomUUID(), "personal", "+12125550123", null));
      assertThat(chosen).isEqualTo("node-b");
      ProtocolMessage m = b.next();
      assertThat(m).isInstanceOf(SessionStart.class);
      SessionStart s = (SessionStart) m;
      assertThat(s.callId()).isEqualTo(session);
      assertThat(s.direction()).isEqualTo(CallDirection.OUTBOUND);
      assertThat(s.remoteNumber()).isEqualTo("+12125550123");
      assertThat(s.localNumber()).isEqualTo("+15005550006");
      assertThat(s.streamToken()).startsWith("v1." + session + ".");
      assertThat(s.greeting()).isEqualTo("Hello!");
      assertThat(s.speechMode()).isEqualTo(dev.parley.protocol.SpeechMode.PIPELINE);
      assertThat(registry.route("node-b").orElseThrow().streamBaseUrl())
          .isEqualTo("wss://b.media.example");
      // A node that is gone is not routed to; the least loaded one is.
      assertThat(registry.route("node-zzz").orElseThrow().nodeId()).isEqualTo("node-b");

      // Call-level messages reach the listener.
      b.send(new SpeechStarted(session, 1200));
      assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo(new SpeechStarted(session, 1200));
    }
  }

  @Test
  void aVersionMismatchIsAnsweredWithErrorAndClosed() throws Exception {
    try (TestNode n = new TestNode(server.port())) {
      n.send(new Hello("node-new", 2, 3, 10, "wss://new.media.example"));
      ProtocolMessage m = n.next();
      assertThat(m).isInstanceOf(ErrorMessage.class);
      assertThat(((ErrorMessage) m).code()).isEqualTo(ErrorCode.UNSUPPORTED_VERSION);
      assertThat(n.awaitClosed()).isTrue();
      assertThat(registry.nodes()).isEmpty();
    }
  }

  @Test
  void anythingBeforeHelloIsRefused() throws Exception {
    try (TestNode n = new TestNode(server.port())) {
      n.send(new Heartbeat(0, 0));
      ProtocolMessage m = n.next();
      assertThat(((ErrorMessage) m).code()).isEqualTo(ErrorCode.UNEXPECTED_MESSAGE);
      assertThat(n.awaitClosed()).isTrue();
    }
  }

  @Test
  void aNodeSilentForThreeHeartbeatsIsLostWithItsCalls() throws Exception {
    try (TestNode n = new TestNode(server.port())) {
      n.send(new Hello("node-quiet", 1, 1, 10, "wss://q.media.example"));
      assertThat(n.next()).isInstanceOf(HelloAck.class);
      UUID session = UUID.randomUUID();
      registry.prepare(
          new DialPreparation.PreparedDial(
              session, UUID.randomUUID(), UUID.randomUUID(), "personal", "+12125550123", null));
      assertThat(n.next()).isInstanceOf(SessionStart.class);
      // Say nothing more.
      ProtocolMessage m = n.next();
      assertThat(((ErrorMessage) m).code()).isEqualTo(ErrorCode.HEARTBEAT_TIMEOUT);
      assertThat(n.awaitClosed()).isTrue();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!lost.containsKey("node-quiet") && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(lost).containsKey("node-quiet");
      assertThat(lost.get("node-quiet")).containsExactly(session);
      assertThat(registry.nodes()).isEmpty();
      assertThat(registry.route(null)).isEmpty();
    }
  }

  @Test
  void aNodeThatKeepsHeartbeatingStaysAndAReconnectKeepsItsCalls() throws Exception {
    TestNode first = new TestNode(server.port());
    first.send(new Hello("node-r", 1, 1, 10, "wss://r.media.example"));
    assertThat(first.next()).isInstanceOf(HelloAck.class);
    UUID session = UUID.randomUUID();
    registry.prepare(
        new DialPreparation.PreparedDial(
            session, UUID.randomUUID(), UUID.randomUUID(), "personal", "+12125550123", null));
    assertThat(first.next()).isInstanceOf(SessionStart.class);
    for (int i = 0; i < 8; i++) {
      first.send(new Heartbeat(1, 100));
      assertThat(first.next()).isInstanceOf(Heartbeat.class);
      Thread.sleep(100);
    }
    assertThat(registry.nodes()).hasSize(1);

    try (TestNode second = new TestNode(server.port())) {
      second.send(new Hello("node-r", 1, 1, 10, "wss://r2.media.example"));
      assertThat(second.next()).isInstanceOf(HelloAck.class);
      assertThat(first.awaitClosed()).isTrue();
      Thread.sleep(100);
      assertThat(lost).isEmpty();
      assertThat(registry.nodes()).hasSize(1);
      assertThat(registry.route("node-r").orElseThrow().streamBaseUrl())
          .isEqualTo("wss://r2.media.example");
      assertThat(registry.nodes().get(0).calls()).containsExactly(session);
    } finally {
      first.close();
    }
  }
}
