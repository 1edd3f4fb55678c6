package dev.parley.control.session;

import dev.parley.control.auth.Caller;
import dev.parley.control.event.CallEventRecorder;
import dev.parley.control.event.CallEventRepository;
import dev.parley.control.infra.Json;
import dev.parley.control.session.CallSessionViews.EventView;
import dev.parley.control.session.CallSessionViews.ExtractedView;
import dev.parley.control.session.CallSessionViews.SegmentView;
import dev.parley.control.session.CallSessionViews.SessionDetails;
import dev.parley.control.session.CallSessionViews.SessionSummary;
import dev.parley.control.web.ProblemException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Call sessions (dial attempts), their transcripts and extracted data. */
@Singleton
public class CallSessionService {
  private final CallSessionRepository sessions;
  private final CallSessionStateMachine stateMachine;
  private final TranscriptRepository transcripts;
  private final TranscriptSegmentRepository segments;
  private final ExtractedDatumRepository extracted;
  private final CallEventRepository eventLog;
  private final CallEventRecorder events;
  private final Json json;
  private final Clock clock;

  CallSessionService(
      CallSessionRepository sessions,
      CallSessionStateMachine stateMachine,
      TranscriptRepository transcripts,
      TranscriptSegmentRepository segments,
      ExtractedDatumRepository extracted,
      CallEventRepository eventLog,
      CallEventRecorder events,
      Json json,
      Clock clock) {
    this.sessions = sessions;
    this.stateMachine = stateMachine;
    this.transcripts = transcripts;
    this.segments = segments;
    this.extracted = extracted;
    this.eventLog = eventLog;
    this.events = events;
    this.json = json;
    this.clock = clock;
  }

  /**
   * Opens attempt {@code attemptNumber} of a task in {@code initiated}. The idempotency token makes
   * a repeated open (a dispatcher retrying after a crash) return the same session.
   */
  @Transactional
  public CallSession open(
      UUID organizationId, UUID taskId, int attemptNumber, String idempotencyToken) {
    Optional<CallSession> existing = sessions.findByIdempotencyToken(idempotencyToken);
    if (existing.isPresent()) {
      return existing.get();
    }
    Instant now = clock.instant();
    CallSession session = new CallSession();
    session.setId(UUID.randomUUID());
    session.setOrganizationId(organizationId);
    session.setTaskId(taskId);
    session.setAttemptNumber(attemptNumber);
    session.setIdempotencyToken(idempotencyToken);
    session.setStatus(CallSessionStatus.INITIATED);
    session.setLastCallbackSequence(-1);
    session.setCreatedAt(now);
    session.setUpdatedAt(now);
    CallSession saved = sessions.save(session);
    events.record(
        organizationId,
        taskId,
        saved.getId(),
        "session.created",
        null,
        CallSessionStatus.INITIATED.wire(),
        Map.of("attemptNumber", attemptNumber));
    return saved;
  }

  /** Changes a session's status through the state machine. */
  public CallSession transition(CallSession session, CallSessionStatus to, Map<String, ?> detail) {
    return stateMachine.transition(session, to, detail);
  }

  /** Saves non-status changes (provider call id, media node, costs) with the version check. */
  @Transactional
  public CallSession save(CallSession session) {
    session.setUpdatedAt(clock.instant());
    return sessions.update(session);
  }

  /**
   * Records why the agent ended call {@code sessionId}, before the media node is told: the
   * provider's final status callback then settles the attempt the same way the write-up would.
   */
  @Transactional
  public void recordHangUpReason(UUID sessionId, String reason) {
    sessions.updateHangUpReason(sessionId, reason);
  }

  /** Appends the next utterance to the session's transcript. */
  @Transactional
  public TranscriptSegment appendSegment(
      CallSession session,
      Speaker speaker,
      int startMs,
      int endMs,
      String text,
      @Nullable String sentiment,
      boolean interrupted,
      @Nullable Integer heardMs,
      Map<String, ?> meta) {
    Instant now = clock.instant();
    transcripts.insertIfAbsent(
        UUID.randomUUID(), session.getOrganizationId(), session.getId(), "en", now);
    Transcript transcript = transcripts.findBySessionId(session.getId()).orElseThrow();
    return segments.save(
        new TranscriptSegment(
            UUID.randomUUID(),
            transcript.id(),
            segments.nextSeq(transcript.id()),
            speaker,
            startMs,
            endMs,
            text,
            sentiment,
            interrupted,
            heardMs,
            json.write(meta),
            now));
  }

  /** Records one fact extracted from the call. */
  @Transactional
  public ExtractedDatum addExtracted(
      CallSession session, String key, String value, ValueType type, @Nullable String rawFragment) {
    return extracted.save(
        new ExtractedDatum(
            UUID.randomUUID(),
            session.getOrganizationId(),
            session.getTaskId(),
            session.getId(),
            key,
            value,
            type,
            rawFragment,
            clock.instant()));
  }

  public List<CallSession> forTask(UUID taskId) {
    return sessions.findByTaskIdOrderByAttemptNumber(taskId);
  }

  public List<SessionSummary> summariesForTask(UUID taskId) {
    return forTask(taskId).stream().map(this::summary).toList();
  }

  /** A session of the caller's organisation with transcript, data and events; else 404. */
  @Transactional(readOnly = true)
  public SessionDetails details(Caller caller, UUID id) {
    CallSession session =
        sessions
            .findByIdAndOrganizationId(id, caller.organizationId())
            .orElseThrow(() -> ProblemException.notFound("call session", id));
    List<SegmentView> transcript =
        transcripts
            .findBySessionId(id)
            .map(
                t ->
                    segments.findByTranscriptIdOrderBySeq(t.id()).stream()
                        .map(
                            s ->
                                new SegmentView(
                                    s.seq(),
                                    s.speaker(),
                                    s.startMs(),
                                    s.endMs(),
                                    s.text(),
                                    s.sentiment(),
                                    s.interrupted(),
                                    s.heardMs(),
                                    json.tree(s.meta())))
                        .toList())
            .orElse(List.of());
    List<ExtractedView> data =
        extracted.findBySessionIdOrderByCreatedAt(id).stream()
            .map(
                d ->
                    new ExtractedView(
                        d.key(), d.value(), d.valueType(), d.rawFragment(), d.createdAt()))
            .toList();
    List<EventView> eventViews =
        eventLog.findBySessionIdOrderById(id).stream()
            .map(
                e ->
                    new EventView(
                        e.id(),
                        e.type(),
                        e.fromState(),
                        e.toState(),
                        json.tree(e.detail()),
                        e.at()))
            .toList();
    return new SessionDetails(summary(session), transcript, data, eventViews);
  }

  SessionSummary summary(CallSession s) {
    return new SessionSummary(
        s.getId(),
        s.getTaskId(),
        s.getAttemptNumber(),
        s.getStatus(),
        s.getAnsweredBy(),
        s.getProviderCallId(),
        s.getStartedAt(),
        s.getEndedAt(),
        s.getDurationSeconds(),
        s.getFailureReason(),
        json.tree(s.getCostBreakdown()),
        s.getRecordingRef(),
        s.getCreatedAt());
  }
}
