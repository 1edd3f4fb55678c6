package dev.parley.media.speech.deepgram;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.media.speech.SpeechMetrics;
import dev.parley.media.speech.SpeechProviderException;
import dev.parley.media.speech.SpeechProviderException.Kind;
import dev.parley.media.speech.SpeechToText;
import dev.parley.media.speech.socket.ProviderConnector;
import dev.parley.media.speech.socket.ProviderSocket;
import dev.parley.media.speech.socket.Termination;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call's Deepgram live stream.
 *
 * <ul>
 *   <li>Audio: each chunk is copied once into a pooled direct buffer and sent as one binary message
 *       (the μ-law bytes as they came from Twilio); while the socket connects, up to {@link
 *       DeepgramConfig#maxPendingAudioBytes} are held and sent on open, in order.
 *   <li>Silence: a {@code KeepAlive} text message when no audio went out for {@link
 *       DeepgramConfig#keepAlive} (the echo gate holds audio back while the agent speaks).
 *   <li>Close: {@code Finalize} (Deepgram transcribes what it holds at once) then {@code
 *       CloseStream} (it sends the last results and its metadata, then closes); the results still
 *       arriving are delivered until the close or {@link DeepgramConfig#closeTimeout}.
 *   <li>Failure (an upgrade refused, an {@code Error} message, an error close code such as 1011
 *       NET-0001, a dropped connection): the settled words already received are delivered as the
 *       utterance's final transcript, then {@link SpeechToText.Listener#onError} once; later audio
 *       is dropped and counted. The call goes on without transcripts.
 * </ul>
 *
 * <p>State lives on the socket's event loop; {@link #sendAudio} and {@link #close} hop there. Per
 * audio chunk it allocates one pooled buffer and one task.
 */
final class DeepgramListenSession implements SpeechToText.Session, ProviderSocket.Handler {

  private static final Logger log = LoggerFactory.getLogger(DeepgramListenSession.class);
  private static final String KEEP_ALIVE = "{\"type\":\"KeepAlive\"}";
  private static final String FINALIZE = "{\"type\":\"Finalize\"}";
  private static final String CLOSE_STREAM = "{\"type\":\"CloseStream\"}";

  private enum State {
    CONNECTING,
    OPEN,
    CLOSING,
    ENDED
  }

  private record Pending(ByteBuf audio, long sampleIndex) {}

  private final DeepgramConfig config;
  private final ObjectMapper json;
  private final ByteBufAllocator alloc;
  private final SpeechMetrics.Provider metrics;
  private final String callId;
  private final SpeechToText.Listener listener;
  private final SentAudioTimeline timeline = new SentAudioTimeline();
  private final UtteranceAssembler utterances;
  private final ProviderSocket socket;

  /** Set on the caller's thread when the session can take no more audio; read there too. */
  private volatile boolean done;

  // Loop-only state.
  private State state = State.CONNECTING;
  private final ArrayDeque<Pending> pending = new ArrayDeque<>();
  private int pendingBytes;
  private long lastSentNanos;
  private boolean errorReported;

  /** The socket's end was handled (socket loop only). */
  private boolean socketEnded;

  /** Runs once the stream has ended, for {@link #finish} (socket loop only). */
  private Runnable settled;

  private String requestId = "";
  private ScheduledFuture<?> keepAliveTimer;
  private ScheduledFuture<?> closeTimer;

  private DeepgramListenSession(
      DeepgramConfig config,
      ProviderConnector connector,
      URI uri,
      ObjectMapper json,
      ByteBufAllocator alloc,
      SpeechMetrics metrics,
      String callId,
      SpeechToText.Listener listener) {
    this.config = config;
    this.json = json;
    this.alloc = alloc;
    this.metrics = metrics.provider(DeepgramSpeechToText.NAME);
    this.callId = callId;
    this.listener = listener;
    this.utterances = new UtteranceAssembler(listener, timeline);
    HttpHeaders headers =
        new DefaultHttpHeaders().set(HttpHeaderNames.AUTHORIZATION, "Token " + config.apiKey());
    this.socket = ProviderSocket.create(connector, uri, headers, this);
  }

  static DeepgramListenSession start(
      DeepgramConfig config,
      ProviderConnector connector,
      URI uri,
      ObjectMapper json,
      ByteBufAllocator alloc,
      SpeechMetrics metrics,
      String callId,
      SpeechToText.Listener listener) {
    DeepgramListenSession s =
        new DeepgramListenSession(config, connector, uri, json, alloc, metrics, callId, listener);
    s.metrics.sttStreams.increment();
    s.socket.connect();
    return s;
  }

  // ---- the call's side ---------------------------------------------------------------------

  @Override
  public void sendAudio(byte[] mulaw, int off, int len, long sampleIndex) {
    if (len <= 0) {
      // Deepgram reads an empty binary message as the end of the stream.
      return;
    }
    if (done) {
      metrics.sttDroppedBytes.add(len);
      return;
    }
    ByteBuf buf = alloc.directBuffer(len, len).writeBytes(mulaw, off, len);
    socket.execute(() -> audio(buf, sampleIndex));
  }

  @Override
  public void close() {
    if (!done) {
      done = true;
      socket.execute(this::closeOnLoop);
    }
  }

  /**
   * Closes as {@link #close} does and runs {@code whenSettled} when the stream has ended: after
   * Deepgram's last results and close, the close timeout, or at once if it had already ended.
   */
  @Override
  public void finish(Runnable whenSettled) {
    done = true;
    socket.execute(
        () -> {
          if (socketEnded) {
            whenSettled.run();
            return;
          }
          Runnable earlier = settled;
          settled =
              earlier == null
                  ? whenSettled
                  : () -> {
                    earlier.run();
                    whenSettled.run();
                  };
          closeOnLoop();
        });
  }

  // ---- the socket's loop -------------------------------------------------------------------

  private void audio(ByteBuf buf, long sampleIndex) {
    switch (state) {
      case OPEN -> send(buf, sampleIndex);
      case CONNECTING -> {
        pending.add(new Pending(buf, sampleIndex));
        pendingBytes += buf.readableBytes();
        while (pendingBytes > config.maxPendingAudioBytes()) {
          Pending oldest = pending.poll();
          pendingBytes -= oldest.audio.readableBytes();
          metrics.sttDroppedBytes.add(oldest.audio.readableBytes());
          oldest.audio.release();
        }
      }
      default -> {
        metrics.sttDroppedBytes.add(buf.readableBytes());
        buf.release();
      }
    }
  }

  private void send(ByteBuf buf, long sampleIndex) {
    timeline.sent(sampleIndex, buf.readableBytes());
    lastSentNanos = System.nanoTime();
    socket.sendBinary(buf);
  }

  @Override
  public void onOpen() {
    if (state != State.CONNECTING) {
      return;
    }
    state = State.OPEN;
    log.debug("call {}: deepgram stream open, {} bytes held sent now", callId, pendingBytes);
    for (Pending p; (p = pending.poll()) != null; ) {
      send(p.audio, p.sampleIndex);
    }
    pendingBytes = 0;
    lastSentNanos = System.nanoTime();
    long checkMs = Math.max(10, config.keepAlive().toMillis() / 2);
    keepAliveTimer =
        socket.loop().scheduleAtFixedRate(this::keepAlive, checkMs, checkMs, TimeUnit.MILLISECONDS);
  }

  /** Sends a KeepAlive when the stream has been silent for the configured interval. */
  private void keepAlive() {
    if (state == State.OPEN && System.nanoTime() - lastSentNanos >= config.keepAlive().toNanos()) {
      socket.sendText(KEEP_ALIVE);
      lastSentNanos = System.nanoTime();
    }
  }

  @Override
  public void onText(String text) {
    ListenMessage m;
    try {
      m = ListenMessage.parse(json, text);
    } catch (IllegalArgumentException e) {
      fail(new SpeechProviderException(DeepgramSpeechToText.NAME, Kind.PROTOCOL, e.getMessage()));
      return;
    }
    if (m instanceof ListenMessage.Results r) {
      utterances.results(r);
    } else if (m instanceof ListenMessage.UtteranceEnd) {
      utterances.utteranceEnd();
    } else if (m instanceof ListenMessage.Metadata md) {
      requestId = md.requestId();
      log.debug("call {}: deepgram request {}", callId, requestId);
    } else if (m instanceof ListenMessage.Error e) {
      fail(
          new SpeechProviderException(
              DeepgramSpeechToText.NAME, Kind.PROVIDER_ERROR, "error message: " + e.description()));
    } else if (m instanceof ListenMessage.Other o) {
      log.debug("call {}: deepgram message of type '{}' ignored", callId, o.type());
    }
    // SpeechStarted needs no action: the media server's own VAD reports speech onsets.
  }

  @Override
  public void onBinary(ByteBuf data) {
    log.debug(
        "call {}: deepgram sent {} binary bytes on a listen stream", callId, data.readableBytes());
  }

  private void closeOnLoop() {
    switch (state) {
      case CONNECTING -> {
        state = State.ENDED;
        releasePending();
        socket.abort();
      }
      case OPEN -> {
        state = State.CLOSING;
        socket.sendText(FINALIZE);
        socket.sendText(CLOSE_STREAM);
        closeTimer =
            socket
                .loop()
                .schedule(
                    this::closeTimedOut, config.closeTimeout().toMillis(), TimeUnit.MILLISECONDS);
      }
      default -> {}
    }
  }

  private void closeTimedOut() {
    log.warn(
        "call {}: deepgram did not close the stream within {} ms of CloseStream (request {})",
        callId,
        config.closeTimeout().toMillis(),
        requestId);
    socket.abort();
  }

  @Override
  public void onEnd(Termination end) {
    State was = state;
    state = State.ENDED;
    done = true;
    cancelTimers();
    releasePending();
    utterances.finishUtterance();
    socketEnded = true;
    // After CloseStream, Deepgram itself closes with 1000: that is the end we asked for.
    boolean asked =
        end.byUs()
            || was == State.CLOSING
                && end.kind() == Termination.Kind.CLOSED
                && end.closeCode() == 1000;
    if (!asked) {
      report(end.toException(DeepgramSpeechToText.NAME));
    }
    log.debug("call {}: deepgram stream ended ({}), request {}", callId, end, requestId);
    Runnable whenSettled = settled;
    settled = null;
    if (whenSettled != null) {
      whenSettled.run();
    }
  }

  /** A failure while streaming: settled words first, then the error once, then close. */
  private void fail(SpeechProviderException e) {
    utterances.finishUtterance();
    report(e);
    if (state == State.OPEN || state == State.CLOSING) {
      state = State.CLOSING;
      socket.close();
    }
  }

  private void report(SpeechProviderException e) {
    if (errorReported) {
      return;
    }
    errorReported = true;
    done = true;
    metrics.sttErrors.increment();
    log.warn(
        "call {}: {} (request {})", callId, e.getMessage(), requestId.isEmpty() ? "-" : requestId);
    listener.onError(e);
  }

  private void cancelTimers() {
    if (keepAliveTimer != null) {
      keepAliveTimer.cancel(false);
    }
    if (closeTimer != null) {
      closeTimer.cancel(false);
    }
  }

  private void releasePending() {
    for (Pending p; (p = pending.poll()) != null; ) {
      p.audio.release();
    }
    pendingBytes = 0;
  }
}
