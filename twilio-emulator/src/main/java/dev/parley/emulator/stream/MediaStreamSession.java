package dev.parley.emulator.stream;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIMULATION ONLY: Twilio's end of one bidirectional Media Stream.
 *
 * <p>Sends {@code connected} and {@code start} when the WebSocket opens, then whatever the call
 * feeds it ({@code media} every 20 ms, mark echoes, {@code dtmf}, {@code stop}); hands what the
 * application sends to its {@link Listener}. Confined to the call's event loop.
 */
public final class MediaStreamSession {

  private static final Logger log = LoggerFactory.getLogger(MediaStreamSession.class);

  /** Where the application's messages and the stream's end go. */
  public interface Listener {
    /** {@code start} was sent: media may flow. */
    void onStreamStarted(MediaStreamSession session);

    /** Audio to queue for playout. */
    void onAudio(byte[] ulaw);

    /** A mark to queue behind the audio. */
    void onMark(String name);

    /** Drop queued audio and echo pending marks. */
    void onClear();

    /** The stream ended without {@link #stop()}: the peer closed it, or it never opened. */
    void onStreamClosed(MediaStreamSession session, String reason);
  }

  private final String accountSid;
  private final String callSid;
  private final String streamSid;
  private final byte[] streamSidAscii;
  private final Map<String, String> customParameters;
  private final Listener listener;
  private final StreamCounters counters;
  private final InboundStreamReader reader;
  private final byte[] base64Scratch = new byte[((160 + 2) / 3) * 4];
  private Channel channel;
  private long sequenceNumber;
  private long chunk;
  private boolean started;
  private boolean finished;

  MediaStreamSession(
      String accountSid,
      String callSid,
      String streamSid,
      Map<String, String> customParameters,
      Listener listener,
      StreamCounters counters,
      int maxPayloadChars) {
    this.accountSid = accountSid;
    this.callSid = callSid;
    this.streamSid = streamSid;
    this.streamSidAscii = streamSid.getBytes(StandardCharsets.US_ASCII);
    this.customParameters = Map.copyOf(customParameters);
    this.listener = listener;
    this.counters = counters;
    this.reader = new InboundStreamReader(maxPayloadChars);
  }

  /** The stream's SID ({@code MZ} + 32 hex). */
  public String streamSid() {
    return streamSid;
  }

  /** Whether {@code start} was sent and the stream has not ended. */
  public boolean isStarted() {
    return started && !finished;
  }

  /** Sends one 20 ms inbound-track frame (160 μ-law bytes). */
  public void sendMedia(byte[] frame) {
    if (!isStarted()) {
      return;
    }
    if (!channel.isWritable()) {
      counters.unwritableSkips.increment();
      chunk++;
      return;
    }
    chunk++;
    ByteBuf buf =
        TwilioStreamMessages.media(
            channel.alloc(),
            streamSidAscii,
            ++sequenceNumber,
            chunk,
            (chunk - 1) * 20,
            frame,
            base64Scratch);
    channel.writeAndFlush(frame(buf), channel.voidPromise());
    counters.mediaSent.increment();
  }

  /** Echoes a mark: playback reached it (or a clear flushed it). */
  public void echoMark(String name) {
    if (!isStarted()) {
      return;
    }
    send(TwilioStreamMessages.mark(channel.alloc(), ++sequenceNumber, streamSid, name));
    counters.marksEchoed.increment();
  }

  /** Reports that the callee pressed {@code digit}. */
  public void sendDtmf(char digit) {
    if (!isStarted()) {
      return;
    }
    send(TwilioStreamMessages.dtmf(channel.alloc(), ++sequenceNumber, streamSid, digit));
  }

  /** Ends the stream from Twilio's side: sends {@code stop}, then closes the WebSocket. */
  public void stop() {
    if (finished) {
      return;
    }
    finished = true;
    if (channel == null || !channel.isActive()) {
      return;
    }
    if (started) {
      send(
          TwilioStreamMessages.stop(
              channel.alloc(), ++sequenceNumber, streamSid, accountSid, callSid));
    }
    channel
        .writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE))
        .addListener(ChannelFutureListener.CLOSE);
  }

  void opened(Channel ch) {
    this.channel = ch;
    if (finished) {
      ch.close();
      return;
    }
    send(TwilioStreamMessages.connected(ch.alloc()));
    send(
        TwilioStreamMessages.start(
            ch.alloc(), ++sequenceNumber, accountSid, streamSid, callSid, customParameters));
    started = true;
    counters.streamsOpened.increment();
    listener.onStreamStarted(this);
  }

  void received(ByteBuf text) {
    if (finished) {
      return;
    }
    try {
      reader.read(text, streamSid, handler);
    } catch (MediaStreamProtocolException e) {
      counters.protocolErrors.increment();
      log.warn("stream {} of call {}: {}", streamSid, callSid, e.getMessage());
      channel
          .writeAndFlush(
              new CloseWebSocketFrame(WebSocketCloseStatus.INVALID_PAYLOAD_DATA, e.getMessage()))
          .addListener(ChannelFutureListener.CLOSE);
    }
  }

  void closed(String reason) {
    if (finished) {
      return;
    }
    finished = true;
    listener.onStreamClosed(this, reason);
  }

  private void send(ByteBuf buf) {
    channel.writeAndFlush(frame(buf), channel.voidPromise());
  }

  /** One masked text frame, framed in the message's own buffer (no frame object, no copy). */
  private static ByteBuf frame(ByteBuf message) {
    return ClientFrames.text(message, ThreadLocalRandom.current().nextInt());
  }

  private final InboundStreamReader.Handler handler =
      new InboundStreamReader.Handler() {
        @Override
        public void onMedia(byte[] ulaw) {
          counters.mediaReceived.increment();
          counters.bytesReceived.add(ulaw.length);
          listener.onAudio(ulaw);
        }

        @Override
        public void onMark(String name) {
          listener.onMark(name);
        }

        @Override
        public void onClear() {
          counters.clearsReceived.increment();
          listener.onClear();
        }

        @Override
        public void onOther(String event) {
          log.debug("stream {} ignores event {}", streamSid, event);
        }
      };
}
