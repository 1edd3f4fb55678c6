package dev.parley.media.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.media.testing.MediaTestRig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The upgrade and the frame layer of the Twilio socket over a raw TCP socket, byte for byte: what a
 * WebSocket client library would hide (handshake answers, pong, close statuses).
 */
class WebSocketOverSocketTest {

  /** RFC 6455 section 1.3's example key and the accept value it must produce. */
  private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";

  private static final String ACCEPT = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

  private static MediaTestRig rig;

  @BeforeAll
  static void start() throws Exception {
    rig = MediaTestRig.start();
  }

  @AfterAll
  static void stop() {
    rig.close();
  }

  @Test
  void aPlainGetIsNotAnUpgrade() throws Exception {
    try (Socket s = connect()) {
      String response = request(s, "");
      assertThat(response).startsWith("HTTP/1.1 400");
    }
  }

  @Test
  void anotherProtocolVersionIsAskedFor13() throws Exception {
    try (Socket s = connect()) {
      String response = request(s, upgradeHeaders("8"));
      assertThat(response)
          .startsWith("HTTP/1.1 426")
          .containsIgnoringCase("sec-websocket-version: 13");
    }
  }

  @Test
  void theUpgradeIsAnsweredAPingGetsItsPongAndAnUnmaskedFrameIsAProtocolError() throws Exception {
    try (Socket s = connect()) {
      String response = request(s, upgradeHeaders("13"));
      assertThat(response)
          .startsWith("HTTP/1.1 101")
          .containsIgnoringCase("sec-websocket-accept: " + ACCEPT);
      OutputStream out = s.getOutputStream();
      InputStream in = s.getInputStream();
      // Ping, FIN + opcode 9; MASK + length 2; key 01020304; "hi" masked ('h'^1, 'i'^2).
      out.write(new byte[] {(byte) 0x89, (byte) 0x82, 1, 2, 3, 4, 'h' ^ 1, 'i' ^ 2});
      out.flush();
      // Pong, FIN + opcode 10, unmasked, length 2, "hi".
      assertThat(in.readNBytes(4)).containsExactly(0x8A, 0x02, 'h', 'i');
      // A text frame without the mask bit: the server closes with 1002 (0x03EA).
      out.write(new byte[] {(byte) 0x81, 0x01, 'x'});
      out.flush();
      byte[] head = in.readNBytes(4);
      assertThat(head[0] & 0xFF).isEqualTo(0x88);
      assertThat(((head[2] & 0xFF) << 8) | (head[3] & 0xFF)).isEqualTo(1002);
      byte[] reason = in.readNBytes((head[1] & 0x7F) - 2);
      assertThat(new String(reason, StandardCharsets.UTF_8)).contains("not masked");
    }
  }

  @Test
  void aCloseIsEchoedAndTheServerDropsTheConnection() throws Exception {
    try (Socket s = connect()) {
      assertThat(request(s, upgradeHeaders("13"))).startsWith("HTTP/1.1 101");
      OutputStream out = s.getOutputStream();
      // Close, FIN + opcode 8; MASK + length 2; key 00000000; status 1001 (going away).
      out.write(new byte[] {(byte) 0x88, (byte) 0x82, 0, 0, 0, 0, 0x03, (byte) 0xE9});
      out.flush();
      InputStream in = s.getInputStream();
      assertThat(in.readNBytes(4)).containsExactly(0x88, 0x02, 0x03, 0xE9);
      assertThat(in.read()).as("server closed TCP after its close frame").isEqualTo(-1);
    }
  }

  private static Socket connect() throws IOException {
    Socket s = new Socket("127.0.0.1", rig.server.port());
    s.setSoTimeout(5000);
    return s;
  }

  private static String upgradeHeaders(String version) {
    return "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: "
        + KEY
        + "\r\nSec-WebSocket-Version: "
        + version
        + "\r\n";
  }

  /** Sends a GET for a fresh call's stream path and reads the response head. */
  private static String request(Socket s, String headers) throws IOException {
    String req =
        "GET /streams/" + UUID.randomUUID() + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers + "\r\n";
    s.getOutputStream().write(req.getBytes(StandardCharsets.US_ASCII));
    s.getOutputStream().flush();
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    InputStream in = s.getInputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.write(b);
      matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    String text = head.toString(StandardCharsets.US_ASCII);
    // A refusal carries a body announced by Content-Length; skip it so the socket is clean.
    for (String line : text.split("\r\n")) {
      if (line.toLowerCase().startsWith("content-length:")) {
        in.readNBytes(Integer.parseInt(line.substring(15).trim()));
      }
    }
    return text;
  }
}
