package dev.parley.control.session;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import io.micronaut.data.annotation.Version;
import io.micronaut.data.annotation.sql.ColumnTransformer;
import java.time.Instant;
import java.util.UUID;

/**
 * One dial attempt of a call task. Status changes go only through {@link CallSessionStateMachine};
 * {@code lastCallbackSequence} lets status callbacks that arrive late or twice be ignored.
 */
@MappedEntity("call_sessions")
public class CallSession {
  @Id private UUID id;
  private UUID organizationId;
  private UUID taskId;
  private int attemptNumber;
  @Nullable private String providerCallId;
  private String idempotencyToken;

  @MappedProperty(converter = CallSessionStatus.Converter.class)
  private CallSessionStatus status;

  @Nullable
  @MappedProperty(converter = AnsweredBy.Converter.class)
  private AnsweredBy answeredBy;

  @Nullable private String mediaNode;
  @Nullable private Instant startedAt;
  @Nullable private Instant endedAt;
  @Nullable private Integer durationSeconds;
  @Nullable private String failureReason;

  @Nullable
  @ColumnTransformer(write = "?::jsonb")
  private String costBreakdown;

  @Nullable private String recordingRef;
  private int lastCallbackSequence;
  @Version private long version;
  private Instant createdAt;
  private Instant updatedAt;

  public CallSession() {}

  public UUID getId() {
    return id;
  }

  public void setId(UUID id) {
    this.id = id;
  }

  public UUID getOrganizationId() {
    return organizationId;
  }

  public void setOrganizationId(UUID organizationId) {
    this.organizationId = organizationId;
  }

  public UUID getTaskId() {
    return taskId;
  }

  public void setTaskId(UUID taskId) {
    this.taskId = taskId;
  }

  public int getAttemptNumber() {
    return attemptNumber;
  }

  public void setAttemptNumber(int attemptNumber) {
    this.attemptNumber = attemptNumber;
  }

  @Nullable
  public String getProviderCallId() {
    return providerCallId;
  }

  public void setProviderCallId(@Nullable String providerCallId) {
    this.providerCallId = providerCallId;
  }

  public String getIdempotencyToken() {
    return idempotencyToken;
  }

  public void setIdempotencyToken(String idempotencyToken) {
    this.idempotencyToken = idempotencyToken;
  }

  public CallSessionStatus getStatus() {
    return status;
  }

  public void setStatus(CallSessionStatus status) {
    this.status = status;
  }

  @Nullable
  public AnsweredBy getAnsweredBy() {
    return answeredBy;
  }

  public void setAnsweredBy(@Nullable AnsweredBy answeredBy) {
    this.answeredBy = answeredBy;
  }

  @Nullable
  public String getMediaNode() {
    return mediaNode;
  }

  public void setMediaNode(@Nullable String mediaNode) {
    this.mediaNode = mediaNode;
  }

  @Nullable
  public Instant getStartedAt() {
    return startedAt;
  }

  public void setStartedAt(@Nullable Instant startedAt) {
    this.startedAt = startedAt;
  }

  @Nullable
  public Instant getEndedAt() {
    return endedAt;
  }

  public void setEndedAt(@Nullable Instant endedAt) {
    this.endedAt = endedAt;
  }

  @Nullable
  public Integer getDurationSeconds() {
    return durationSeconds;
  }

  public void setDurationSeconds(@Nullable Integer durationSeconds) {
    this.durationSeconds = durationSeconds;
  }

  @Nullable
  public String getFailureReason() {
    return failureReason;
  }

  public void setFailureReason(@Nullable String failureReason) {
    this.failureReason = failureReason;
  }

  @Nullable
  public String getCostBreakdown() {
    return costBreakdown;
  }

  public void setCostBreakdown(@Nullable String costBreakdown) {
    this.costBreakdown = costBreakdown;
  }

  @Nullable
  public String getRecordingRef() {
    return recordingRef;
  }

  public void setRecordingRef(@Nullable String recordingRef) {
    this.recordingRef = recordingRef;
  }

  public int getLastCallbackSequence() {
    return lastCallbackSequence;
  }

  public void setLastCallbackSequence(int lastCallbackSequence) {
    this.lastCallbackSequence = lastCallbackSequence;
  }

  public long getVersion() {
    return version;
  }

  public void setVersion(long version) {
    this.version = version;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public void setCreatedAt(Instant createdAt) {
    this.createdAt = createdAt;
  }

  public Instant getUpdatedAt() {
    return updatedAt;
  }

  public void setUpdatedAt(Instant updatedAt) {
    this.updatedAt = updatedAt;
  }
}
