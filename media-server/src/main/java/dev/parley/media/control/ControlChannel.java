package dev.parley.media.control;

import dev.parley.protocol.ProtocolMessage;

/** The calls' view of the control link: send a message now or learn that it cannot be sent. */
public interface ControlChannel {

  /**
   * Sends {@code message} if the link is up; returns false when it is down. Nothing is buffered for
   * later delivery.
   */
  boolean send(ProtocolMessage message);

  /** True while the link is up and HELLO has been acknowledged. */
  boolean connected();

  /** A channel that is never connected, for a node running without a control plane. */
  ControlChannel NONE =
      new ControlChannel() {
        @Override
        public boolean send(ProtocolMessage message) {
          return false;
        }

        @Override
        public boolean connected() {
          return false;
        }
      };
}
