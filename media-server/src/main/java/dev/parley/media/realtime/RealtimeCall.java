package dev.parley.media.realtime;

import dev.parley.media.playout.OutboundPlayout;
import dev.parley.protocol.ProtocolMessage;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import java.util.UUID;

/**
 * What a {@link RealtimeBridge} needs from its call: the call's event loop, its outbound playout
 * (bounded lead, marks, {@code clear}), its control-plane messages and its teardown. The call
 * implements it; every method is called on the call's event loop.
 */
public interface RealtimeCall {

  UUID callId();

  /** The call's event loop; the provider socket runs on it too. */
  EventLoop eventLoop();

  /** The socket channel class of that loop's transport (epoll or NIO). */
  Class<? extends Channel> channelClass();

  /** Queues a new interruptible utterance {@code id} for playout. */
  void startUtterance(long id);

  /** Adds μ-law audio to utterance {@code id} and lets the playout send what its lead allows. */
  void utteranceAudio(long id, byte[] mulaw);

  /** No more audio comes for utterance {@code id}. */
  void finishUtterance(long id);

  /** True while our audio is queued or still playing at Twilio. */
  boolean playing();

  /**
   * Barge-in: Twilio {@code clear}, queued audio dropped, counted; returns the utterance cut and
   * how much of it the callee heard (from the mark echoes), or null when nothing was playing.
   */
  OutboundPlayout.Interruption interruptPlayout();

  /** Sends a message about this call to the control plane. */
  void send(ProtocolMessage message);

  /** Ends the call once the audio playing now has been heard (HANGUP semantics). */
  void hangUpAfterPlayout(String reason);

  /** Ends the call now with MEDIA_ERROR and {@code reason}, with its stats. */
  void fail(String reason);
}
