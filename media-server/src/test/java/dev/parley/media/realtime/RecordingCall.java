package dev.parley.media.realtime;

import dev.parley.media.playout.OutboundPlayout;
import dev.parley.protocol.ProtocolMessage;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A {@link RealtimeCall} that records what the bridge asks of the call: utterances and their audio,
 * control-plane messages, hang-up and failure. Whether audio is playing, and what an interruption
 * cuts, is set by the test. Thread-safe for the test thread reading while the loop writes.
 */
final class RecordingCall implements RealtimeCall {

  final UUID callId = UUID.randomUUID();
  private final EventLoop loop;
  final List<Long> started = new ArrayList<>();
  final List<Long> finished = new ArrayList<>();
  final ByteArrayOutputStream audio = new ByteArrayOutputStream();
  final List<ProtocolMessage> messages = new ArrayList<>();
  volatile boolean playing;
  volatile OutboundPlayout.Interruption nextCut;
  volatile int interruptions;
  volatile String hangUp;
  volatile String failure;

  RecordingCall(EventLoop loop) {
    this.loop = loop;
  }

  @Override
  public UUID callId() {
    return callId;
  }

  @Override
  public EventLoop eventLoop() {
    return loop;
  }

  @Override
  public Class<? extends Channel> channelClass() {
    return NioSocketChannel.class;
  }

  @Override
  public synchronized void startUtterance(long id) {
    started.add(id);
  }

  @Override
  public synchronized void utteranceAudio(long id, byte[] mulaw) {
    audio.write(mulaw, 0, mulaw.length);
  }

  @Override
  public synchronized void finishUtterance(long id) {
    finished.add(id);
  }

  @Override
  public boolean playing() {
    return playing;
  }

  @Override
  public OutboundPlayout.Interruption interruptPlayout() {
    interruptions++;
    playing = false;
    return nextCut;
  }

  @Override
  public synchronized void send(ProtocolMessage message) {
    messages.add(message);
  }

  @Override
  public void hangUpAfterPlayout(String reason) {
    hangUp = reason;
  }

  @Override
  public void fail(String reason) {
    failure = reason;
  }

  synchronized List<ProtocolMessage> messages() {
    return List.copyOf(messages);
  }

  <T extends ProtocolMessage> List<T> messages(Class<T> type) {
    return messages().stream().filter(type::isInstance).map(type::cast).toList();
  }

  synchronized byte[] audio() {
    return audio.toByteArray();
  }

  synchronized List<Long> started() {
    return List.copyOf(started);
  }

  synchronized List<Long> finished() {
    return List.copyOf(finished);
  }
}
