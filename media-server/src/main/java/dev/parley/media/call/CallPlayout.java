package dev.parley.media.call;

import dev.parley.media.metrics.CallMetrics;
import dev.parley.media.playout.DtmfTones;
import dev.parley.media.playout.FrameSink;
import dev.parley.media.playout.OutboundPlayout;
import dev.parley.media.playout.PlayoutListener;
import dev.parley.media.speech.SpeechQueue;
import dev.parley.media.speech.TextToSpeech;
import dev.parley.media.twilio.OutboundFrameBuilder;
import dev.parley.protocol.ProtocolMessage;
import dev.parley.protocol.Speak;
import dev.parley.protocol.UtterancePlayed;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The outbound half of a call: the greeting, SPEAK chunks through the synthesiser, SEND_DTMF tones,
 * all paced onto the Twilio stream as media frames and marks, and the cut when the callee barges in
 * or the control plane says CLEAR. Every frame sent is also reported to the inbound pipeline, whose
 * echo gate needs to know what may come back.
 *
 * <p>Per outbound frame it allocates only a pooled buffer. Event loop only.
 */
final class CallPlayout implements FrameSink, PlayoutListener {

  /** The greeting's utterance id; the control plane numbers SPEAK utterances from 1. */
  static final int GREETING_UTTERANCE = 0;

  /** Room reserved for the greeting and for a SPEAK utterance (5 s and 3 s of μ-law). */
  private static final int GREETING_BYTES = 8000 * 5;

  private static final int UTTERANCE_BYTES = 8000 * 3;

  private final UUID callId;
  private final Channel channel;
  private final ByteBufAllocator alloc;
  private final CallMetrics metrics;
  private final OutboundFrameBuilder frames;
  private final OutboundPlayout playout;
  private final SpeechQueue speech;
  private final Consumer<ProtocolMessage> send;
  private final Runnable tick;
  private InboundPipeline inbound;
  private long nowNanos;
  private long interruptedThrough = -1;
  private long dtmfUtterance = -1;
  private boolean greetingQueued;
  private boolean closed;

  /**
   * @param tick the call's tick, run when new audio may be sent
   */
  CallPlayout(
      UUID callId,
      Channel channel,
      CallMetrics metrics,
      OutboundFrameBuilder frames,
      TextToSpeech tts,
      Executor loop,
      int leadMs,
      int markEveryFrames,
      Consumer<ProtocolMessage> send,
      Runnable tick) {
    this.callId = callId;
    this.channel = channel;
    this.alloc = channel.alloc();
    this.metrics = metrics;
    this.frames = frames;
    this.send = send;
    this.tick = tick;
    this.speech = new SpeechQueue(tts, loop, new SpeechSink());
    this.playout = new OutboundPlayout(this, this, leadMs, markEveryFrames);
  }

  /** The inbound pipeline whose echo gate hears of every frame sent. */
  void inbound(InboundPipeline pipeline) {
    this.inbound = pipeline;
  }

  /** SESSION_START's voice and TTS provider for this call's speech. */
  void voice(String voice, String provider) {
    speech.voice(voice);
    speech.provider(provider);
  }

  // ---- what to play ------------------------------------------------------------------------

  void greetingAudio(byte[] chunk) {
    if (closed) {
      return;
    }
    if (!greetingQueued) {
      greetingQueued = true;
      playout.enqueue(GREETING_UTTERANCE, GREETING_BYTES, true);
    }
    playout.append(GREETING_UTTERANCE, chunk, 0, chunk.length);
    // Send at once rather than on the next tick: the greeting is what the callee hears first.
    tick.run();
  }

  void greetingDone() {
    if (!closed && greetingQueued) {
      playout.finish(GREETING_UTTERANCE);
      tick.run();
    }
  }

  /** SPEAK: synthesise and play a chunk of an utterance (not one already interrupted). */
  void speak(Speak speak) {
    if (closed || speak.utteranceId() <= interruptedThrough) {
      return;
    }
    long id = speak.utteranceId();
    if (!playout.queued(id)) {
      playout.enqueue(id, UTTERANCE_BYTES, speak.interruptible());
    }
    speech.add(speak);
  }

  /** An interruptible utterance whose audio comes from elsewhere (a speech-to-speech model). */
  void startUtterance(long id) {
    playout.enqueue(id, UTTERANCE_BYTES, true);
  }

  /** Audio for an utterance started with {@link #startUtterance}. */
  void utteranceAudio(long id, byte[] mulaw) {
    playout.append(id, mulaw, 0, mulaw.length);
    tick.run();
  }

  /** No more audio for the utterance. */
  void finishUtterance(long id) {
    playout.finish(id);
    tick.run();
  }

  /** SEND_DTMF: in-band tones after what is queued. */
  void sendDtmf(String digits) {
    if (closed) {
      return;
    }
    byte[] audio = DtmfTones.render(digits);
    long id = dtmfUtterance--;
    playout.enqueue(id, audio.length, false);
    playout.append(id, audio, 0, audio.length);
    playout.finish(id);
    tick.run();
  }

  /** CLEAR from the control plane: stop now and report how much was heard. */
  void clear() {
    OutboundPlayout.Interruption cut = stopSpeaking();
    if (cut != null && cut.utteranceId() >= 0) {
      send.accept(new UtterancePlayed(callId, (int) cut.utteranceId(), cut.heardMs(), false));
    }
  }

  /** Clear at Twilio, drop queued audio, stop synthesis; returns what was cut, or null. */
  OutboundPlayout.Interruption stopSpeaking() {
    nowNanos = System.nanoTime();
    OutboundPlayout.Interruption cut = playout.interrupt(nowNanos);
    inbound.playbackCleared();
    interruptedThrough = Math.max(interruptedThrough, speech.cancelAll());
    if (cut != null) {
      interruptedThrough = Math.max(interruptedThrough, cut.utteranceId());
    }
    // Greeting audio still being synthesised must not re-queue the greeting after the cut.
    greetingQueued = true;
    return cut;
  }

  // ---- the clock ---------------------------------------------------------------------------

  /** Sends what the lead allows now; returns whether our audio is still playing. */
  boolean tick() {
    nowNanos = System.nanoTime();
    playout.tick(nowNanos);
    return playout.playing(nowNanos);
  }

  /** Twilio echoed mark {@code number}. */
  void onMark(long number) {
    nowNanos = System.nanoTime();
    long reached = playout.onMarkEcho(number, nowNanos);
    if (reached >= 0) {
      inbound.playoutReached(reached);
    }
  }

  /** Whether our audio is playing now. */
  boolean playing() {
    nowNanos = System.nanoTime();
    return playout.playing(nowNanos);
  }

  /** Whether what plays now may be interrupted. */
  boolean interruptible() {
    return playout.interruptibleNow();
  }

  /** Nothing queued for synthesis. */
  boolean speechIdle() {
    return speech.idle();
  }

  /** Times Twilio ran dry mid-utterance. */
  long gaps() {
    return playout.gaps();
  }

  /** The call ended: synthesis is cancelled and nothing more is queued. */
  void close() {
    closed = true;
    speech.cancelAll();
  }

  // ---- FrameSink: the playout's frames onto the socket -------------------------------------

  @Override
  public void sendMedia(byte[] mulaw, int off, int len) {
    long streamMs = playout.sentStreamMs();
    inbound.outboundFrame(mulaw, off, len, streamMs, streamMs - playout.playedStreamMs(nowNanos));
    channel.write(frames.media(alloc, mulaw, off, len), channel.voidPromise());
    metrics.framesOut++;
    metrics.bytesOut += len;
  }

  @Override
  public void sendMark(long number) {
    channel.write(frames.mark(alloc, number), channel.voidPromise());
    metrics.marksSent++;
  }

  @Override
  public void sendClear() {
    channel.write(frames.clear(alloc), channel.voidPromise());
  }

  @Override
  public void flush() {
    channel.flush();
  }

  @Override
  public void utterancePlayed(long utteranceId, int playedMs, boolean complete) {
    if (utteranceId >= 0) {
      send.accept(new UtterancePlayed(callId, (int) utteranceId, playedMs, complete));
    }
  }

  private final class SpeechSink implements SpeechQueue.Sink {
    @Override
    public void audio(Speak speak, byte[] mulaw) {
      if (!closed) {
        playout.append(speak.utteranceId(), mulaw, 0, mulaw.length);
        tick.run();
      }
    }

    @Override
    public void finished(Speak speak) {
      if (!closed && speak.lastChunk()) {
        playout.finish(speak.utteranceId());
        tick.run();
      }
    }
  }
}
