package dev.parley.media.call;

import dev.parley.media.twilio.TwilioEvents;
import dev.parley.protocol.CallStats;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.ErrorMessage;
import dev.parley.protocol.ProtocolMessage;
import dev.parley.protocol.SessionEnd;
import dev.parley.protocol.SessionEndReason;
import dev.parley.protocol.SessionReady;
import dev.parley.protocol.SessionStart;
import dev.parley.protocol.SpeechMode;
import io.netty.channel.Channel;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's calls: those announced by SESSION_START and waiting for their stream, and those
 * streaming. Routes control-plane messages to the right call's event loop. Thread-safe.
 */
public final class CallRegistry {

  private static final Logger log = LoggerFactory.getLogger(CallRegistry.class);

  private final CallServices services;
  private final Map<UUID, PreparedCall> prepared = new ConcurrentHashMap<>();
  private final Map<UUID, CallSession> active = new ConcurrentHashMap<>();

  public CallRegistry(CallServices services) {
    this.services = services;
    services.metrics().activeCalls(active::size);
  }

  /** SESSION_START: remember the call and synthesise its greeting ahead of the stream. */
  public void sessionStart(SessionStart start) {
    UUID id = start.callId();
    if (active.containsKey(id) || prepared.containsKey(id)) {
      log.warn("call {}: duplicate SESSION_START refused", id);
      send(
          new ErrorMessage(
              id, ErrorCode.DUPLICATE_CALL, "call already has a session on this node"));
      return;
    }
    boolean speechToSpeech = start.speechMode() == SpeechMode.SPEECH_TO_SPEECH;
    if (speechToSpeech && !services.realtime().enabled()) {
      log.warn("call {}: speech-to-speech refused, OPENAI_API_KEY is not set", id);
      send(
          new ErrorMessage(
              id,
              ErrorCode.CALL_FAILED,
              "speech-to-speech needs OPENAI_API_KEY on this node and it is not set"));
      return;
    }
    if (callsHeld() >= services.config().capacity()) {
      send(
          new ErrorMessage(
              id, ErrorCode.CAPACITY_EXCEEDED, "node at capacity " + services.config().capacity()));
      return;
    }
    PreparedCall p = new PreparedCall(start);
    prepared.put(id, p);
    long t0 = System.nanoTime();
    // In speech-to-speech mode the model says the greeting itself.
    if (start.greeting().isBlank() || speechToSpeech) {
      p.greetingDone();
      send(new SessionReady(id, 0));
      attachIfStreaming(p);
      return;
    }
    attachIfStreaming(p);
    services
        .textToSpeech()
        .synthesize(
            start.greeting(),
            start.voice(),
            new dev.parley.media.speech.TextToSpeech.Listener() {
              @Override
              public void onAudio(byte[] mulaw) {
                p.greetingAudio(mulaw);
              }

              @Override
              public void onComplete() {
                p.greetingDone();
                send(new SessionReady(id, (int) ((System.nanoTime() - t0) / 1_000_000)));
              }

              @Override
              public void onError(Throwable error) {
                log.warn("call {}: greeting synthesis failed: {}", id, error.toString());
                p.greetingDone();
                send(new SessionReady(id, (int) ((System.nanoTime() - t0) / 1_000_000)));
              }
            });
  }

  private void attachIfStreaming(PreparedCall p) {
    CallSession s = active.get(p.start.callId());
    if (s != null) {
      p.attach(s);
    }
  }

  /**
   * A Twilio stream for {@code callId} passed authentication: creates the call on the channel's
   * event loop. Returns null when the call already has a stream or the node is full.
   */
  public CallSession streamStarted(UUID callId, Channel channel, TwilioEvents.Start start) {
    if (active.size() >= services.config().capacity()) {
      log.warn("call {}: refused, node at capacity {}", callId, services.config().capacity());
      return null;
    }
    CallSession s = new CallSession(callId, channel, services, this, start);
    if (active.putIfAbsent(callId, s) != null) {
      log.warn("call {}: second stream refused", callId);
      return null;
    }
    services.metrics().callsStarted.increment();
    PreparedCall p = prepared.get(callId);
    s.begin(p);
    if (p != null) {
      p.attach(s);
    }
    return s;
  }

  /**
   * Calls this node holds: prepared ones not yet streaming plus streaming ones. A streaming call
   * keeps its prepared entry until it ends, so it must not be counted twice (a node of capacity N
   * would refuse SESSION_START at about N/2 calls).
   */
  private int callsHeld() {
    int held = prepared.size();
    for (UUID id : active.keySet()) {
      if (!prepared.containsKey(id)) {
        held++;
      }
    }
    return held;
  }

  /** The call ended (called once, from its event loop). */
  void ended(CallSession s) {
    active.remove(s.callId(), s);
    prepared.remove(s.callId());
  }

  /** Runs {@code action} on the call's event loop; false when no such call is streaming. */
  public boolean dispatch(UUID callId, Consumer<CallSession> action) {
    CallSession s = active.get(callId);
    if (s == null) {
      return false;
    }
    s.execute(() -> action.accept(s));
    return true;
  }

  /**
   * HANGUP for a call whose stream never came: forget it and say so. True also when the call is
   * already ending (its SESSION_END answers the command).
   */
  public boolean cancelPrepared(UUID callId, String reason) {
    if (active.containsKey(callId)) {
      return false;
    }
    PreparedCall p = prepared.get(callId);
    if (p == null) {
      return false;
    }
    if (p.claimEnd()) {
      endPrepared(callId, SessionEndReason.NO_STREAM, reason);
      prepared.remove(callId, p);
    }
    return true;
  }

  /**
   * A call that never streamed still ends with CALL_STATS and SESSION_END (PROTOCOL.md, Calls).
   * Sent before the call leaves the registry, as a streaming call's are: the control link answers a
   * command for a call it cannot find only after what is already queued, this SESSION_END included.
   */
  private void endPrepared(UUID callId, SessionEndReason reason, String text) {
    send(new CallStats(callId, 0, 0, 0, 0, 0, 0, 0, 0, 0));
    send(new SessionEnd(callId, reason, text));
    services
        .metrics()
        .callEnded(
            reason.name().toLowerCase(java.util.Locale.ROOT),
            new dev.parley.media.metrics.CallMetrics());
  }

  /** Ends prepared calls whose stream has not arrived within {@code maxWaitNanos}. */
  public void expirePrepared(long maxWaitNanos) {
    long now = System.nanoTime();
    for (PreparedCall p : prepared.values()) {
      UUID id = p.start.callId();
      if (now - p.createdNanos > maxWaitNanos && !active.containsKey(id) && p.claimEnd()) {
        log.warn(
            "call {}: no stream within {} s of SESSION_START", id, maxWaitNanos / 1_000_000_000L);
        endPrepared(id, SessionEndReason.NO_STREAM, "no media stream arrived");
        prepared.remove(id, p);
      }
    }
  }

  /** The control link went down: every call ends, prepared calls are forgotten. */
  public void controlLost() {
    prepared.clear();
    active.values().forEach(CallSession::onControlLost);
  }

  /**
   * Longest a shutdown waits for its calls to report their end: a call's SESSION_END follows its
   * recogniser's last transcripts, which a cloud provider may take up to its close timeout (5 s by
   * default) to send.
   */
  static final long SHUTDOWN_WAIT_MILLIS = 6_000;

  /**
   * Ends every call for shutdown and waits, at most {@link #SHUTDOWN_WAIT_MILLIS}, until each has
   * sent its last transcripts, stats and SESSION_END, so the control link is not stopped under
   * them. Not to be called from an event loop (its calls could not end while it waits).
   */
  public void shutdown() {
    prepared.clear();
    active.values().forEach(CallSession::onShutdown);
    long deadline = System.nanoTime() + SHUTDOWN_WAIT_MILLIS * 1_000_000;
    while (!active.isEmpty() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    if (!active.isEmpty()) {
      log.warn("shutdown: {} calls had not reported their end", active.size());
    }
  }

  public int activeCount() {
    return active.size();
  }

  public Collection<CallSession> active() {
    return List.copyOf(active.values());
  }

  public boolean isPrepared(UUID callId) {
    return prepared.containsKey(callId);
  }

  private void send(ProtocolMessage m) {
    services.control().get().send(m);
  }
}
