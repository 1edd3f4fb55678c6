package dev.parley.control.task;

import dev.parley.control.account.Tone;
import dev.parley.control.session.CallSessionViews.SessionSummary;
import dev.parley.control.task.planning.MissingFact;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Response bodies of the call-task API. */
public final class CallTaskViews {
  private CallTaskViews() {}

  /** A call task as the API shows it; {@code missing} repeats the plan's open questions. */
  @Serdeable
  public record CallTaskView(
      UUID id,
      @Nullable UUID parentTaskId,
      String title,
      String instruction,
      CallTaskKind kind,
      CallTaskStatus status,
      @Nullable CallOutcome outcome,
      TaskPriority priority,
      @Nullable UUID contactId,
      @Nullable String targetPhone,
      Tone tone,
      @Nullable BigDecimal maxPrice,
      String currency,
      JsonNode hardConstraints,
      JsonNode softPreferences,
      boolean needsUserConfirmation,
      @Nullable JsonNode plan,
      List<MissingFact> missing,
      @Nullable String summary,
      @Nullable Boolean goalAchieved,
      boolean followUpRequired,
      int attemptCount,
      int maxAttempts,
      @Nullable Instant scheduledFor,
      @Nullable Instant nextAttemptAt,
      @Nullable Instant lastAttemptAt,
      @Nullable String failureReason,
      @Nullable JsonNode attestation,
      @Nullable BigDecimal estimatedCost,
      @Nullable BigDecimal actualCost,
      @Nullable JsonNode costBreakdown,
      long version,
      Instant createdAt,
      Instant updatedAt) {}

  /** An approval request. */
  @Serdeable
  public record ApprovalView(
      UUID id,
      UUID taskId,
      @Nullable UUID sessionId,
      @Nullable BigDecimal amount,
      String reason,
      ApprovalStatus status,
      Instant createdAt,
      @Nullable Instant decidedAt) {
    static ApprovalView of(Approval a) {
      return new ApprovalView(
          a.id(),
          a.taskId(),
          a.sessionId(),
          a.amount(),
          a.reason(),
          a.status(),
          a.createdAt(),
          a.decidedAt());
    }
  }

  /** A task with its attempts, approvals and the latest summary. */
  @Serdeable
  public record CallTaskDetails(
      CallTaskView task,
      List<SessionSummary> sessions,
      List<ApprovalView> approvals,
      @Nullable String latestSummary) {}

  /** One page of tasks; {@code nextCursor} continues a cursor-paged listing. */
  @Serdeable
  public record CallTaskPage(
      List<CallTaskView> items, long total, int offset, int limit, @Nullable String nextCursor) {}
}
