package dev.parley.media.call;

import dev.parley.audio.echo.EchoGateConfig;
import dev.parley.audio.vad.VadConfig;
import dev.parley.media.bargein.BargeInDetector;
import dev.parley.media.control.ControlChannel;
import dev.parley.media.metrics.CallMetrics;
import dev.parley.media.playout.DtmfTones;
import dev.parley.media.playout.FrameSink;
import dev.parley.media.playout.OutboundPlayout;
import dev.parley.media.playout.PlayoutListener;
import dev.parley.media.speech.SpeechQueue;
import dev.parley.media.speech.SpeechToText;
import dev.parley.media.twilio.OutboundFrameBuilder;
import dev.parley.media.twilio.TwilioEvents;
import dev.parley.media.twilio.TwilioFrameScanner;
import dev.parley.protocol.BargeIn;
import dev.parley.protocol.CallStats;
import dev.parley.protocol.DtmfReceived;
import dev.parley.protocol.ProtocolMessage;
import dev.parley.protocol.SessionEnd;
import dev.parley.protocol.SessionEndReason;
import dev.parley.protocol.Speak;
import dev.parley.protocol.SpeechStarted;
import dev.parley.protocol.SpeechStopped;
import dev.parley.protocol.Transcript;
import dev.parley.protocol.UtterancePlayed;
import dev.parley.protocol.VadTuning;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call: the Twilio stream, its inbound loop (VAD, echo gate, barge-in, STT), its outbound
 * playout (greeting, TTS, DTMF) and its control-plane messages. Everything runs on the channel's
 * event loop; methods other threads call hop there first. Teardown happens exactly once, whichever
 * of stop, socket close, watchdog, hangup or a lost control link comes first.
 *
 * <p>Per inbound media frame it allocates nothing; per outbound frame only pooled buffers.
 */
public final class CallSession implements FrameSink, PlayoutListener, InboundPipeline.Listener {

  private static final Logger log = LoggerFactory.getLogger(CallSession.class);

  /** The greeting's utterance id; the control plane numbers SPEAK utterances from 1. */
  public static final int GREETING_UTTERANCE = 0;

  private final UUID callId;
  private final Channel channel;
  private final EventLoop loop;
  private final CallServices services;
  private final CallRegistry registry;
  private final TwilioEvents.Start start;
  private final CallMetrics metrics = new CallMetrics();
  private final OutboundFrameBuilder frames;
  private final OutboundPlayout playout;
  private final ByteBufAllocator alloc;
  private final SpeechQueue speech;
  private final long startNanos = System.nanoTime();

  private InboundPipeline inbound;
  private BargeInDetector bargeIn;
  private SpeechToText.Session stt;
  private PreparedCall prepared;
  private long interruptedThrough = -1;
  private long dtmfUtterance = -1;
  private ScheduledFuture<?> ticker;
  private ScheduledFuture<?> watchdog;
  private long lastMediaNanos;
  private long nowNanos;
  private boolean greetingQueued;
  private boolean hangupPending;
  private boolean ended;
  private char lastDigit;
  private long lastDigitNanos;
  private boolean lastDigitInBand;

  /** A keypress is at least 40 ms and Twilio reports it within a few hundred ms of the tone. */
  private static final long DIGIT_DEDUP_NANOS = 600_000_000L;

  CallSession(
      UUID callId,
      Channel channel,
      CallServices services,
      CallRegistry registry,
      TwilioEvents.Start start) {
    this.callId = callId;
    this.channel = channel;
    this.loop = channel.eventLoop();
    this.services = services;
    this.registry = registry;
    this.start = start;
    this.alloc = channel.alloc();
    this.frames =
        new OutboundFrameBuilder(
            start.streamSid(), services.config().limits().maxMediaPayloadBytes());
    this.speech = new SpeechQueue(services.textToSpeech(), this::execute, new SpeechSink());
    this.playout =
        new OutboundPlayout(
            this, this, services.config().playoutLeadMs(), services.config().markEveryFrames());
  }

  /**
   * Starts the call on its event loop: the pipeline, the recogniser, the 20 ms tick, the watchdog.
   */
  void begin(PreparedCall maybePrepared) {
    VadTuning tuning = maybePrepared == null ? VadTuning.DEFAULTS : maybePrepared.start.tuning();
    VadConfig d = VadConfig.defaults();
    VadConfig vad =
        new VadConfig(
            tuning.vadThresholdDb(),
            tuning.onsetFrames(),
            tuning.hangoverFrames(),
            d.floorRiseDbPerFrame(),
            d.floorFallCoefficient(),
            d.minLevelDbov(),
            d.warmupFrames(),
            d.highPassHz(),
            d.maxZeroCrossingRate());
    EchoGateConfig echo =
        new EchoGateConfig(
            Math.max(0, Math.min(79, tuning.echoReturnLossDb())),
            Math.min(2000, tuning.maxEchoDelayMs() + InboundPipeline.PLAYOUT_UNCERTAINTY_MS),
            3.0,
            300);
    inbound = new InboundPipeline(vad, echo, this);
    bargeIn = new BargeInDetector(tuning.bargeInEnabled());
    String language = maybePrepared == null ? "en-US" : maybePrepared.start.language();
    stt = services.speechToText().open(callId.toString(), language, new SttListener());
    lastMediaNanos = System.nanoTime();
    ticker = loop.scheduleAtFixedRate(this::tick, 20, 20, TimeUnit.MILLISECONDS);
    long timeoutMs = services.config().inactivityTimeout().toMillis();
    long period = Math.max(10, Math.min(1000, timeoutMs / 4));
    watchdog =
        loop.scheduleAtFixedRate(this::checkInactivity, period, period, TimeUnit.MILLISECONDS);
    log.info("call {}: stream {} started (callSid {})", callId, start.streamSid(), start.callSid());
  }

  /** Runs {@code task} on the call's event loop. */
  void execute(Runnable task) {
    if (loop.inEventLoop()) {
      task.run();
    } else {
      loop.execute(task);
    }
  }

  public UUID callId() {
    return callId;
  }

  // ---- prepared session and greeting -------------------------------------------------------

  void prepared(PreparedCall p) {
    this.prepared = p;
    speech.voice(p.start.voice());
  }

  void greetingAudio(byte[] chunk) {
    if (ended) {
      return;
    }
    if (!greetingQueued) {
      greetingQueued = true;
      playout.enqueue(GREETING_UTTERANCE, 8000 * 5, true);
    }
    playout.append(GREETING_UTTERANCE, chunk, 0, chunk.length);
    // Send at once rather than on the next tick: the greeting is what the callee hears first.
    tick();
  }

  void greetingDone() {
    if (!ended && greetingQueued) {
      playout.finish(GREETING_UTTERANCE);
      tick();
    }
  }

  // ---- Twilio events -----------------------------------------------------------------------

  /** One inbound media frame, already scanned and base64-decoded into the scanner's array. */
  public void onMedia(TwilioFrameScanner scanner) {
    long t0 = System.nanoTime();
    lastMediaNanos = t0;
    if (ended) {
      return;
    }
    if (!scanner.inboundTrack()) {
      metrics.droppedFrames++;
      return;
    }
    int len = scanner.payloadLength();
    metrics.framesIn++;
    metrics.bytesIn += len;
    nowNanos = t0;
    inbound.process(scanner.payload(), 0, len);
    metrics.inboundProcessed(System.nanoTime() - t0);
  }

  /** Twilio echoed mark {@code number}: playback reached it (or it was cleared). */
  public void onMark(long number) {
    if (ended || number < 0) {
      return;
    }
    metrics.marksEchoed++;
    nowNanos = System.nanoTime();
    playout.onMarkEcho(number, nowNanos);
  }

  /** Twilio reported a DTMF digit pressed by the callee. */
  public void onDtmf(TwilioEvents.Dtmf dtmf) {
    digit(dtmf.digit().charAt(0), false);
  }

  @Override
  public void inBandDigit(char digit) {
    digit(digit, true);
  }

  /**
   * Reports a digit once: a key Twilio reports may also be heard in the audio, so the same digit
   * from the other source within {@link #DIGIT_DEDUP_NANOS} is the same keypress.
   */
  private void digit(char d, boolean inBand) {
    if (ended) {
      return;
    }
    long now = System.nanoTime();
    if (d == lastDigit && inBand != lastDigitInBand && now - lastDigitNanos < DIGIT_DEDUP_NANOS) {
      return;
    }
    lastDigit = d;
    lastDigitNanos = now;
    lastDigitInBand = inBand;
    services.metrics().dtmfReceived.increment();
    send(new DtmfReceived(callId, d));
  }

  /** Twilio's {@code stop}. */
  public void onStop() {
    end(SessionEndReason.REMOTE_HANGUP, "stream stopped", WebSocketCloseStatus.NORMAL_CLOSURE);
  }

  /** The WebSocket closed. */
  public void onSocketClosed() {
    end(SessionEndReason.STREAM_CLOSED, "socket closed", null);
  }

  /** A frame the stream cannot go on after. */
  public void onFatal(String reason, WebSocketCloseStatus status) {
    end(SessionEndReason.MEDIA_ERROR, reason, status);
  }

  /** Counts a frame dropped as malformed. */
  public void onMalformed() {
    metrics.malformedFrames++;
    metrics.droppedFrames++;
  }

  // ---- control plane -----------------------------------------------------------------------

  /** SPEAK: synthesise and play a chunk of an utterance. */
  public void onSpeak(Speak speak) {
    if (ended || speak.utteranceId() <= interruptedThrough) {
      return;
    }
    long id = speak.utteranceId();
    if (!playout.queued(id)) {
      playout.enqueue(id, 8000 * 3, speak.interruptible());
    }
    speech.add(speak);
  }

  /** CLEAR: stop speaking now. */
  public void onClear() {
    if (ended) {
      return;
    }
    OutboundPlayout.Interruption cut = stopSpeaking();
    if (cut != null && cut.utteranceId() >= 0) {
      send(new UtterancePlayed(callId, (int) cut.utteranceId(), cut.heardMs(), false));
    }
  }

  /** SEND_DTMF: in-band tones into the outbound stream after what is queued. */
  public void onSendDtmf(String digits) {
    if (ended) {
      return;
    }
    byte[] audio = DtmfTones.render(digits);
    long id = dtmfUtterance--;
    playout.enqueue(id, audio.length, false);
    playout.append(id, audio, 0, audio.length);
    playout.finish(id);
    tick();
  }

  /** HANGUP: end once what is playing now has played. */
  public void onHangup(String reason) {
    if (!ended) {
      hangupPending = true;
      tick();
    }
  }

  /** The control plane ended the call (SESSION_END with CANCELLED). */
  public void onCancelled(String text) {
    end(SessionEndReason.CANCELLED, text, WebSocketCloseStatus.NORMAL_CLOSURE);
  }

  /** The control link is gone: nothing could report this call, so it ends now. */
  public void onControlLost() {
    end(SessionEndReason.CANCELLED, "control link lost", WebSocketCloseStatus.NORMAL_CLOSURE);
  }

  /** The node is shutting down. */
  public void onShutdown() {
    end(
        SessionEndReason.NODE_SHUTDOWN,
        "node shutting down",
        WebSocketCloseStatus.ENDPOINT_UNAVAILABLE);
  }

  // ---- the loop ----------------------------------------------------------------------------

  private void tick() {
    if (ended) {
      return;
    }
    nowNanos = System.nanoTime();
    playout.tick(nowNanos);
    boolean playing = playout.playing(nowNanos);
    bargeIn.playback(playing);
    if (hangupPending && !playing && speech.idle()) {
      end(SessionEndReason.COMPLETED, "hangup", WebSocketCloseStatus.NORMAL_CLOSURE);
    }
  }

  private void checkInactivity() {
    long idle = System.nanoTime() - lastMediaNanos;
    if (idle > services.config().inactivityTimeout().toNanos()) {
      log.warn("call {}: no inbound media for {} ms, tearing down", callId, idle / 1_000_000);
      end(SessionEndReason.MEDIA_ERROR, "no inbound media", WebSocketCloseStatus.NORMAL_CLOSURE);
    }
  }

  @Override
  public void speechStarted(int onsetMs, boolean duringOutbound) {
    send(new SpeechStarted(callId, onsetMs));
    boolean playing = playout.playing(nowNanos);
    if (bargeIn.onSpeechConfirmed(playing, playout.interruptibleNow())) {
      bargeIn(onsetMs);
    }
  }

  @Override
  public void speechStopped(int endMs) {
    send(new SpeechStopped(callId, endMs));
  }

  @Override
  public void toRecognizer(byte[] mulaw, int off, int len, long sampleIndex) {
    stt.sendAudio(mulaw, off, len, sampleIndex);
  }

  private void bargeIn(int onsetMs) {
    OutboundPlayout.Interruption cut = stopSpeaking();
    metrics.bargeIns++;
    if (cut != null && cut.utteranceId() >= 0) {
      send(new BargeIn(callId, (int) cut.utteranceId(), cut.heardMs(), onsetMs));
    }
    log.debug("call {}: barge-in at {} ms, cut {}", callId, onsetMs, cut);
  }

  /** Clear at Twilio, drop queued audio, stop synthesis. */
  private OutboundPlayout.Interruption stopSpeaking() {
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

  // ---- FrameSink: the playout's frames onto the socket -------------------------------------

  @Override
  public void sendMedia(byte[] mulaw, int off, int len) {
    long lead = playout.sentStreamMs() - playout.playedStreamMs(nowNanos);
    inbound.outboundFrame(mulaw, off, len, lead);
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
      send(new UtterancePlayed(callId, (int) utteranceId, playedMs, complete));
    }
  }

  // ---- teardown ----------------------------------------------------------------------------

  /** Ends the call exactly once; safe from any thread. */
  public void end(SessionEndReason reason, String text, WebSocketCloseStatus close) {
    if (!loop.inEventLoop()) {
      loop.execute(() -> end(reason, text, close));
      return;
    }
    if (ended) {
      return;
    }
    ended = true;
    if (ticker != null) {
      ticker.cancel(false);
    }
    if (watchdog != null) {
      watchdog.cancel(false);
    }
    speech.cancelAll();
    if (stt != null) {
      stt.close();
    }
    metrics.playoutGaps = playout.gaps();
    send(
        new CallStats(
            callId,
            metrics.framesIn,
            metrics.framesOut,
            metrics.bytesIn,
            metrics.bytesOut,
            metrics.droppedFrames,
            metrics.bargeIns,
            metrics.playoutGaps,
            metrics.maxInboundNanos,
            metrics.meanInboundNanos()));
    send(new SessionEnd(callId, reason, text));
    if (close != null && channel.isActive()) {
      channel
          .writeAndFlush(new CloseWebSocketFrame(close, text))
          .addListener(ChannelFutureListener.CLOSE);
    }
    registry.ended(this);
    services.metrics().callEnded(reason.name().toLowerCase(java.util.Locale.ROOT), metrics);
    log.info(
        "call {}: ended ({}: {}) after {} ms; in {} frames, out {} frames, {} barge-ins, max {} ns/frame",
        callId,
        reason,
        text,
        (System.nanoTime() - startNanos) / 1_000_000,
        metrics.framesIn,
        metrics.framesOut,
        metrics.bargeIns,
        metrics.maxInboundNanos);
  }

  public boolean ended() {
    return ended;
  }

  /** The call's counters (event loop only). */
  public CallMetrics metrics() {
    return metrics;
  }

  private void send(ProtocolMessage m) {
    ControlChannel c = services.control().get();
    if (!c.send(m) && c != ControlChannel.NONE && !ended) {
      // Nothing is buffered for a link that is down: a call nobody can steer ends cleanly.
      loop.execute(this::onControlLost);
    }
  }

  // ---- provider callbacks, hopped onto the event loop --------------------------------------

  private final class SttListener implements SpeechToText.Listener {
    @Override
    public void onTranscript(
        int seq, boolean isFinal, int startMs, int endMs, float confidence, String text) {
      execute(
          () -> {
            if (ended) {
              return;
            }
            if (!isFinal) {
              nowNanos = System.nanoTime();
              if (bargeIn.onInterimTranscript(
                  text, playout.playing(nowNanos), playout.interruptibleNow())) {
                bargeIn(startMs);
              }
            }
            float c = Float.isFinite(confidence) ? Math.max(0f, Math.min(1f, confidence)) : 0f;
            send(new Transcript(callId, seq, isFinal, startMs, Math.max(startMs, endMs), c, text));
          });
    }

    @Override
    public void onError(Throwable error) {
      log.warn("call {}: recogniser failed: {}", callId, error.toString());
    }
  }

  private final class SpeechSink implements SpeechQueue.Sink {
    @Override
    public void audio(Speak speak, byte[] mulaw) {
      if (!ended) {
        playout.append(speak.utteranceId(), mulaw, 0, mulaw.length);
        tick();
      }
    }

    @Override
    public void finished(Speak speak) {
      if (!ended && speak.lastChunk()) {
        playout.finish(speak.utteranceId());
        tick();
      }
    }
  }
}
