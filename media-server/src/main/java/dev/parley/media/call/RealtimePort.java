package dev.parley.media.call;

import dev.parley.media.metrics.CallMetrics;
import dev.parley.media.playout.OutboundPlayout;
import dev.parley.media.realtime.RealtimeCall;
import dev.parley.protocol.ProtocolMessage;
import dev.parley.protocol.SessionEndReason;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.util.UUID;

/** A call as the speech-to-speech Realtime bridge sees it: playout, control messages, teardown. */
final class RealtimePort implements RealtimeCall {

  private final CallSession call;
  private final Channel channel;
  private final CallPlayout playout;
  private final CallMetrics metrics;

  RealtimePort(CallSession call, Channel channel, CallPlayout playout, CallMetrics metrics) {
    this.call = call;
    this.channel = channel;
    this.playout = playout;
    this.metrics = metrics;
  }

  @Override
  public UUID callId() {
    return call.callId();
  }

  @Override
  public EventLoop eventLoop() {
    return channel.eventLoop();
  }

  @Override
  public Class<? extends Channel> channelClass() {
    return channel.getClass();
  }

  @Override
  public void startUtterance(long id) {
    playout.startUtterance(id);
  }

  @Override
  public void utteranceAudio(long id, byte[] mulaw) {
    playout.utteranceAudio(id, mulaw);
  }

  @Override
  public void finishUtterance(long id) {
    playout.finishUtterance(id);
  }

  @Override
  public boolean playing() {
    return playout.playing();
  }

  @Override
  public OutboundPlayout.Interruption interruptPlayout() {
    metrics.bargeIns++;
    return playout.stopSpeaking();
  }

  @Override
  public void send(ProtocolMessage message) {
    call.send(message);
  }

  @Override
  public void hangUpAfterPlayout(String reason) {
    call.onHangup(reason);
  }

  @Override
  public void fail(String reason) {
    call.end(SessionEndReason.MEDIA_ERROR, reason, WebSocketCloseStatus.NORMAL_CLOSURE);
  }
}
