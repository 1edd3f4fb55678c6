package dev.parley.media.call;

import dev.parley.media.bargein.BargeInDetector;
import dev.parley.media.control.ControlChannel;
import dev.parley.media.metrics.CallMetrics;
import dev.parley.media.realtime.RealtimeBridge;
import dev.parley.media.speech.SpeechToText;
import dev.parley.media.twilio.OutboundFrameBuilder;
import dev.parley.media.twilio.TwilioEvents;
import dev.parley.media.twilio.TwilioFrameScanner;
import dev.parley.media.twilio.WebSocketFrames;
import dev.parley.protocol.CallStats;
import dev.parley.protocol.ProtocolMessage;
import dev.parley.protocol.SessionEnd;
import dev.parley.protocol.SessionEndReason;
import dev.parley.protocol.SessionStart;
import dev.parley.protocol.Speak;
import dev.parley.protocol.SpeechMode;
import dev.parley.protocol.ToolResult;
import dev.parley.protocol.VadTuning;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call: its Twilio stream and its control-plane session, from {@code start} to teardown. The
 * work is split along the call's seams: {@link InboundPipeline} (VAD, echo gate, DTMF, pre-roll),
 * {@link CalleeEvents} (speech events, transcripts, digits, barge-in) and {@link CallPlayout}
 * (greeting, TTS, DTMF tones, marks, clear), or in speech-to-speech mode a {@link RealtimeBridge}
 * in place of the first two; this class routes Twilio events and control commands to them, drives
 * the 20 ms tick (through its event loop's shared {@link CallTicker}) and the inactivity watchdog,
 * and ends the call exactly once, whichever of stop, socket close, watchdog, hangup or a lost
 * control link comes first.
 *
 * <p>Everything runs on the channel's event loop; methods other threads call hop there first. Per
 * inbound media frame it allocates nothing; per outbound frame only pooled buffers.
 */
public final class CallSession {

  private static final Logger log = LoggerFactory.getLogger(CallSession.class);

  /** The greeting's utterance id; the control plane numbers SPEAK utterances from 1. */
  public static final int GREETING_UTTERANCE = CallPlayout.GREETING_UTTERANCE;

  private final UUID callId;
  private final Channel channel;
  private final EventLoop loop;
  private final CallServices services;
  private final CallRegistry registry;
  private final TwilioEvents.Start start;
  private final CallMetrics metrics = new CallMetrics();
  private final CallPlayout playout;
  private final long startNanos = System.nanoTime();

  private InboundPipeline inbound;
  private CalleeEvents callee;
  private RealtimeBridge realtime;
  private CallTicker ticker;
  private ScheduledFuture<?> watchdog;
  private long lastMediaNanos;
  private boolean hangupPending;
  private boolean ended;

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
    this.playout =
        new CallPlayout(
            callId,
            channel,
            metrics,
            new OutboundFrameBuilder(
                start.streamSid(), services.config().limits().maxMediaPayloadBytes()),
            services.textToSpeech(),
            this::execute,
            services.config().playoutLeadMs(),
            services.config().markEveryFrames(),
            this::send,
            this::tick);
  }

  /**
   * Starts the call on its event loop: the pipeline, the recogniser, the 20 ms tick, the watchdog.
   */
  void begin(PreparedCall maybePrepared) {
    SessionStart s = maybePrepared == null ? null : maybePrepared.start;
    VadTuning tuning = s == null ? VadTuning.DEFAULTS : s.tuning();
    callee =
        new CalleeEvents(
            callId,
            playout,
            new BargeInDetector(tuning.bargeInEnabled()),
            metrics,
            services.metrics(),
            this::execute,
            this::send);
    inbound =
        new InboundPipeline(
            CallTuning.vad(tuning),
            CallTuning.echo(tuning, services.config().echoCanceller()),
            callee);
    playout.inbound(inbound);
    // In speech-to-speech mode the Realtime bridge hears the callee (see prepared()).
    if (s == null || s.speechMode() != SpeechMode.SPEECH_TO_SPEECH) {
      openRecognizer(s);
    }
    lastMediaNanos = System.nanoTime();
    ticker = CallTicker.of(loop);
    ticker.add(this);
    long timeoutMs = services.config().inactivityTimeout().toMillis();
    long period = Math.max(10, Math.min(1000, timeoutMs / 4));
    watchdog =
        loop.scheduleAtFixedRate(this::checkInactivity, period, period, TimeUnit.MILLISECONDS);
    log.info("call {}: stream {} started (callSid {})", callId, start.streamSid(), start.callSid());
  }

  private void openRecognizer(SessionStart s) {
    callee.openRecognizer(
        services.speechToText(),
        new SpeechToText.CallInfo(
            callId.toString(),
            s == null ? "en-US" : s.language(),
            s == null ? remoteFromStream() : s.remoteNumber(),
            s == null ? "" : s.sttProvider(),
            start.customParameters()));
  }

  /**
   * The other party's number from the stream's own parameters, for a call the control plane has not
   * described: the caller ({@code from}) on an inbound call, the callee ({@code to}) otherwise.
   */
  private String remoteFromStream() {
    Map<String, String> p = start.customParameters();
    return "inbound".equals(p.get("direction"))
        ? p.getOrDefault("from", "")
        : p.getOrDefault("to", "");
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
    playout.voice(p.start.voice(), p.start.ttsProvider());
    if (p.start.speechMode() == SpeechMode.SPEECH_TO_SPEECH && realtime == null && !ended) {
      startRealtime(p.start);
    }
  }

  /** Speech-to-speech: inbound audio goes to the Realtime bridge instead of VAD and STT. */
  private void startRealtime(SessionStart s) {
    callee.dropRecognizer();
    realtime =
        new RealtimeBridge(
            new RealtimePort(this, channel, playout, metrics),
            services.realtime(),
            s.instructions(),
            s.greeting(),
            s.language(),
            s.tuning().bargeInEnabled());
    realtime.open();
  }

  void greetingAudio(byte[] chunk) {
    playout.greetingAudio(chunk);
  }

  void greetingDone() {
    playout.greetingDone();
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
    if (realtime != null) {
      realtime.inboundAudio(scanner.payload(), 0, len);
    } else {
      inbound.process(scanner.payload(), 0, len);
    }
    metrics.inboundProcessed(System.nanoTime() - t0);
  }

  /** Twilio echoed mark {@code number}: playback reached it (or it was cleared). */
  public void onMark(long number) {
    if (ended || number < 0) {
      return;
    }
    metrics.marksEchoed++;
    playout.onMark(number);
  }

  /** Twilio reported a DTMF digit pressed by the callee. */
  public void onDtmf(TwilioEvents.Dtmf dtmf) {
    if (!ended) {
      callee.twilioDigit(dtmf.digit().charAt(0));
    }
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
    if (!ended) {
      playout.speak(speak);
    }
  }

  /** TOOL_RESULT: the control plane ran a speech-to-speech model's function call. */
  public void onToolResult(ToolResult result) {
    if (!ended && realtime != null) {
      realtime.toolResult(result);
    }
  }

  /** CLEAR: stop speaking now. */
  public void onClear() {
    if (!ended) {
      playout.clear();
    }
  }

  /** SEND_DTMF: in-band tones into the outbound stream after what is queued. */
  public void onSendDtmf(String digits) {
    if (!ended) {
      playout.sendDtmf(digits);
    }
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

  /** The 20 ms tick, from the event loop's {@link CallTicker} (and at once on HANGUP). */
  void tick() {
    if (ended) {
      return;
    }
    boolean playing = playout.tick();
    callee.playback(playing);
    if (hangupPending && !playing && playout.speechIdle()) {
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
      ticker.remove(this);
    }
    if (watchdog != null) {
      watchdog.cancel(false);
    }
    playout.close();
    if (realtime != null) {
      // Sends the agent's last words as a transcript before the stats and SESSION_END.
      realtime.close();
    }
    if (close != null && channel.isActive()) {
      channel
          .writeAndFlush(WebSocketFrames.close(channel.alloc(), close, text))
          .addListener(ChannelFutureListener.CLOSE);
    }
    // The recogniser's last words come first: SESSION_END tells the control plane the transcript
    // is complete.
    callee.close(() -> reportEnd(reason, text));
  }

  /** The call's stats and SESSION_END, once the recogniser has settled. */
  private void reportEnd(SessionEndReason reason, String text) {
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

  /** Sends a control-plane message; a call whose link is down ends. */
  void send(ProtocolMessage m) {
    ControlChannel c = services.control().get();
    if (!c.send(m) && c != ControlChannel.NONE && !ended) {
      // Nothing is buffered for a link that is down: a call nobody can steer ends cleanly.
      loop.execute(this::onControlLost);
    }
  }
}
