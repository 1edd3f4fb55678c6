package dev.parley.media.twilio;

import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The server's half of the RFC 6455 opening handshake (section 4.2): checks the upgrade request and
 * builds the 101 response. No subprotocol and no extension is agreed, so the client may set no
 * reserved bit. Once per connection; nothing here is on the frame path.
 */
final class WebSocketHandshake {

  /** The only protocol version spoken (section 4.4). */
  static final String VERSION = "13";

  /** Section 1.3: appended to the client's key before hashing. */
  private static final byte[] GUID =
      "258EAFA5-E914-47DA-95CA-C5AB0DC85B11".getBytes(StandardCharsets.US_ASCII);

  private WebSocketHandshake() {}

  /**
   * The {@code Sec-WebSocket-Accept} value for {@code req}, or null when it is not a WebSocket
   * upgrade: no {@code Upgrade: websocket}, no {@code Upgrade} token in {@code Connection}, or a
   * {@code Sec-WebSocket-Key} that is not base64 of 16 bytes. The version is checked apart (426).
   */
  static String accept(HttpRequest req) {
    HttpHeaders h = req.headers();
    if (!h.containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)
        || !h.containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true)) {
      return null;
    }
    String key = h.get(HttpHeaderNames.SEC_WEBSOCKET_KEY);
    if (key == null) {
      return null;
    }
    key = key.trim();
    try {
      if (Base64.getDecoder().decode(key).length != 16) {
        return null;
      }
    } catch (IllegalArgumentException e) {
      return null;
    }
    return acceptFor(key);
  }

  /** Base64 of the SHA-1 of the key and the GUID (section 4.2.2, item 5.4). */
  static String acceptFor(String key) {
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      sha1.update(key.getBytes(StandardCharsets.US_ASCII));
      sha1.update(GUID);
      return Base64.getEncoder().encodeToString(sha1.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JRE has SHA-1", e);
    }
  }

  /** The 101 response completing the handshake. */
  static FullHttpResponse switchingProtocols(String accept) {
    DefaultFullHttpResponse res =
        new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.SWITCHING_PROTOCOLS);
    res.headers()
        .set(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET)
        .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE)
        .set(HttpHeaderNames.SEC_WEBSOCKET_ACCEPT, accept);
    return res;
  }
}
