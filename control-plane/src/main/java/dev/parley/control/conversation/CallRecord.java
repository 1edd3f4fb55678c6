package dev.parley.control.conversation;

import dev.parley.agent.analysis.TranscriptSegment;
import dev.parley.agent.language.OptOutDetector;
import dev.parley.control.conversation.CallContexts.CallContext;
import dev.parley.control.session.Speaker;
import dev.parley.control.task.CallTaskKind;
import dev.parley.protocol.CallStats;
import dev.parley.protocol.SessionEnd;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * What every live call keeps, whoever holds its conversation ({@link LiveConversation} or {@link
 * SpeechToSpeechCall}): its ids and context, whether anyone answered, the media stream's clock, and
 * the transcript, each segment stored as it settles. Confined to the call's serial executor.
 */
final class CallRecord {
  private static final OptOutDetector OPT_OUT = new OptOutDetector();

  private final CallServices services;
  private final UUID sessionId;
  private final CallContext context;
  private final CallBrains brains;
  private final long createdNanos = System.nanoTime();
  private final List<TranscriptSegment> transcript = new ArrayList<>();
  private boolean connected;

  /**
   * When the node's stream began, known from the first event that gives a stream time: in
   * System.nanoTime terms (for what has played since) and on the services' clock (for instants).
   */
  private long originNanos = Long.MIN_VALUE;

  private long originMillis;

  CallRecord(CallServices services, UUID sessionId, CallContext context, CallBrains brains) {
    this.services = services;
    this.sessionId = sessionId;
    this.context = context;
    this.brains = brains;
  }

  UUID sessionId() {
    return sessionId;
  }

  UUID taskId() {
    return context.task().getId();
  }

  UUID organizationId() {
    return context.task().getOrganizationId();
  }

  CallContext context() {
    return context;
  }

  CallBrains brains() {
    return brains;
  }

  /** Whether anyone answered: the node reported something of the call's stream. */
  boolean connected() {
    return connected;
  }

  /** Someone answered: the node reported something of the call's stream. */
  void markConnected() {
    connected = true;
  }

  /**
   * The node's closing CALL_STATS: inbound frames mean Twilio connected the Media Stream, which it
   * does only once the call is answered. See {@link #markConnected(SessionEnd)}.
   */
  void markConnected(CallStats stats) {
    if (stats.framesIn() > 0) {
      connected = true;
    }
  }

  /**
   * The node's SESSION_END: only a call whose Media Stream started ends COMPLETED, REMOTE_HANGUP or
   * STREAM_CLOSED (a call that never streamed ends NO_STREAM; the MEDIA_ERROR made up for a lost
   * node's calls proves nothing either), and Twilio starts a stream only once the call is answered.
   * A callee who hangs up before the greeting's first mark and before saying a word sends no other
   * event; such a call was taken for unanswered and never written up, while the status callback
   * completed its task (WholeCallEndToEndTest at load 10: the stream came up 8.5 s after the answer
   * and was hung up 0.4 s later, the task stayed completed with no outcome and no summary).
   */
  void markConnected(SessionEnd end) {
    switch (end.reason()) {
      case COMPLETED, REMOTE_HANGUP, STREAM_CLOSED -> connected = true;
      default -> {}
    }
  }

  /** Nanos since the call was opened at dial time. */
  long ageNanos() {
    return System.nanoTime() - createdNanos;
  }

  /** Both sides' stored segments, in the order they settled. */
  List<TranscriptSegment> transcript() {
    return List.copyOf(transcript);
  }

  /** Whether the other side has said anything. */
  boolean calleeSpoke() {
    return transcript.stream().anyMatch(s -> s.speaker() == TranscriptSegment.Speaker.CALLEE);
  }

  /**
   * Puts the number on the do-not-call list if {@code text} asks not to be called again: for what
   * the other side says once the call is ending, when no agent or model can act on it any more.
   * Outbound calls only, as the outbound agents do (the receptionist lists nobody).
   */
  void honourOptOut(String text) {
    if (context.task().getKind() != CallTaskKind.INBOUND) {
      OPT_OUT.detect(text).ifPresent(phrase -> services.optOut(sessionId, phrase));
    }
  }

  /** Records an event for the call (best effort). */
  void event(String type, Map<String, ?> detail) {
    services.recordEvent(organizationId(), taskId(), sessionId, type, detail);
  }

  // ---- the stream's clock --------------------------------------------------------------------

  /** An event at {@code streamMs} on the stream's clock happened now: fixes the origin once. */
  void streamTimeNow(int streamMs) {
    if (originNanos == Long.MIN_VALUE) {
      originNanos = System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(streamMs);
      originMillis = services.clock().millis() - streamMs;
    }
  }

  /** The stream time now, in ms (the stream begins now if nothing has placed it yet). */
  int streamMsNow() {
    streamTimeNow(0);
    return (int) Math.max(0, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - originNanos));
  }

  private Instant instantAt(int streamMs) {
    long origin = originNanos == Long.MIN_VALUE ? services.clock().millis() : originMillis;
    return Instant.ofEpochMilli(origin + streamMs);
  }

  // ---- the transcript ------------------------------------------------------------------------

  /** Stores what the other side said (a final transcript) and tells the observers. */
  void calleeSaid(String text, int startMs, int endMs, float confidence) {
    store(
        Speaker.HUMAN,
        TranscriptSegment.Speaker.CALLEE,
        text,
        startMs,
        endMs,
        false,
        null,
        Map.of("confidence", confidence));
    services.observers().forEach(o -> o.calleeSaid(taskId(), sessionId, text));
  }

  /**
   * Stores one of the agent's utterances, as much of it as was heard; whether a line was stored. An
   * utterance cut off before a whole word of it was heard (a barge-in as it began) is no line of
   * the conversation, since nobody heard anything: it is kept in the audit instead, a {@code
   * conversation.unheard} event with its full text, and the transcript and the write-up never see
   * an empty agent line.
   */
  boolean agentSaid(
      String text,
      int startMs,
      int endMs,
      boolean interrupted,
      Integer heardMs,
      Map<String, ?> meta) {
    if (interrupted && text.isBlank()) {
      Map<String, Object> unheard = new LinkedHashMap<>(meta);
      unheard.put("ms_heard", heardMs);
      unheard.put("at_ms", startMs);
      event("conversation.unheard", unheard);
      return false;
    }
    store(
        Speaker.ASSISTANT,
        TranscriptSegment.Speaker.AGENT,
        text,
        startMs,
        endMs,
        interrupted,
        heardMs,
        meta);
    return true;
  }

  private void store(
      Speaker speaker,
      TranscriptSegment.Speaker side,
      String text,
      int startMs,
      int endMs,
      boolean interrupted,
      Integer heardMs,
      Map<String, ?> meta) {
    services.appendSegment(
        sessionId, speaker, startMs, Math.max(startMs, endMs), text, interrupted, heardMs, meta);
    transcript.add(
        new TranscriptSegment(side, text, instantAt(startMs), instantAt(endMs), interrupted));
  }

  /** What the write-up needs once the session has ended. */
  EndedCall ended(String hangUpReason, String endReason) {
    return new EndedCall(
        sessionId,
        taskId(),
        organizationId(),
        context,
        brains,
        transcript(),
        connected,
        hangUpReason,
        endReason);
  }
}
