package dev.parley.control.session;

import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Response bodies of the call-session API. */
public final class CallSessionViews {
  private CallSessionViews() {}

  /** A session without its transcript, as listed under a task. */
  @Serdeable
  public record SessionSummary(
      UUID id,
      UUID taskId,
      int attemptNumber,
      CallSessionStatus status,
      AnsweredBy answeredBy,
      String providerCallId,
      Instant startedAt,
      Instant endedAt,
      Integer durationSeconds,
      String failureReason,
      JsonNode costBreakdown,
      String recordingRef,
      Instant createdAt) {}

  /** One transcript segment. */
  @Serdeable
  public record SegmentView(
      int seq,
      Speaker speaker,
      int startMs,
      int endMs,
      String text,
      String sentiment,
      boolean interrupted,
      Integer heardMs,
      JsonNode meta) {}

  /** One extracted fact. */
  @Serdeable
  public record ExtractedView(
      String key, String value, ValueType valueType, String rawFragment, Instant createdAt) {}

  /** One audit event. */
  @Serdeable
  public record EventView(
      long id, String type, String fromState, String toState, JsonNode detail, Instant at) {}

  /** A session with everything recorded about it. */
  @Serdeable
  public record SessionDetails(
      SessionSummary session,
      List<SegmentView> transcript,
      List<ExtractedView> extractedData,
      List<EventView> events) {}
}
