package dev.parley.media.twilio;

import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;

/**
 * The one error {@link WebSocketDecoder} raises: the peer broke RFC 6455, with a short reason and
 * the close status to answer with (1002 protocol error, 1007 invalid text, 1009 too big).
 */
public final class WebSocketProtocolException extends Exception {

  private static final long serialVersionUID = 1L;

  private final transient WebSocketCloseStatus status;

  WebSocketProtocolException(WebSocketCloseStatus status, String reason) {
    super(reason, null, false, false);
    this.status = status;
  }

  /** The status our close frame carries. */
  public WebSocketCloseStatus status() {
    return status;
  }
}
