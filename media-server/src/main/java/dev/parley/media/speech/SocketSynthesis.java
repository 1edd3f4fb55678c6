package dev.parley.media.speech;

import dev.parley.media.speech.socket.ProviderSocket;
import dev.parley.media.speech.socket.Termination;
import io.netty.buffer.ByteBuf;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One utterance synthesised over a provider WebSocket: the life every streaming synthesiser shares.
 * Subclasses send the provider's messages ({@link #onOpen}) and read its replies; this class
 * delivers audio, records the time to first audio, ends the stream exactly once (complete, failed,
 * or cancelled) and guarantees no callback after {@link #cancel}.
 *
 * <p>Everything but {@link #cancel} runs on the socket's loop.
 */
public abstract class SocketSynthesis implements ProviderSocket.Handler, TextToSpeech.Stream {

  private static final Logger log = LoggerFactory.getLogger(SocketSynthesis.class);

  private final String provider;
  private final TextToSpeech.Listener listener;
  private final SpeechMetrics.Provider metrics;
  private final long startNanos = System.nanoTime();
  private ProviderSocket socket;
  private volatile boolean cancelled;
  private boolean done;
  private boolean heard;

  protected SocketSynthesis(
      String provider, TextToSpeech.Listener listener, SpeechMetrics metrics) {
    this.provider = provider;
    this.listener = listener;
    this.metrics = metrics.provider(provider);
  }

  /** Connects {@code s} (created with this as its handler) and returns this stream. */
  public final SocketSynthesis start(ProviderSocket s) {
    this.socket = s;
    metrics.ttsStreams.increment();
    s.connect();
    return this;
  }

  protected final ProviderSocket socket() {
    return socket;
  }

  protected final String provider() {
    return provider;
  }

  /** Hands a chunk of μ-law on (the array becomes the listener's). */
  protected final void audio(byte[] mulaw) {
    if (done || cancelled || mulaw.length == 0) {
      return;
    }
    if (!heard) {
      heard = true;
      long nanos = System.nanoTime() - startNanos;
      metrics.firstAudio(nanos);
      if (log.isDebugEnabled()) {
        log.debug("{}: first audio after {} ms", provider, nanos / 1_000_000);
      }
    }
    listener.onAudio(mulaw);
  }

  /** The provider has generated everything: complete, then close the socket. */
  protected final void complete() {
    if (done || cancelled) {
      return;
    }
    done = true;
    listener.onComplete();
    closeSocket();
  }

  /** The stream failed: audio already delivered stays, the listener hears the error once. */
  protected final void fail(SpeechProviderException e) {
    if (done || cancelled) {
      return;
    }
    done = true;
    metrics.ttsErrors.increment();
    log.warn("synthesis failed: {}", e.getMessage(), e.getCause());
    listener.onError(e);
    socket.close();
  }

  /** Ends the provider's side politely once the stream completed (a close message, a close). */
  protected void closeSocket() {
    socket.close();
  }

  /** Stops the provider after a cancel (a clear message, a close). Loop only. */
  protected abstract void stopProvider();

  @Override
  public final void onBinary(ByteBuf data) {
    if (!done && !cancelled) {
      binary(data);
    }
  }

  /** A binary message from the provider; the buffer is only valid during the call. */
  protected void binary(ByteBuf data) {}

  @Override
  public final void onEnd(Termination end) {
    if (!done && !cancelled) {
      fail(end.toException(provider));
    }
  }

  @Override
  public final void cancel() {
    if (cancelled) {
      return;
    }
    cancelled = true;
    socket.execute(
        () -> {
          if (!done) {
            done = true;
            metrics.ttsCancelled.increment();
            stopProvider();
          }
        });
  }
}
