package dev.parley.control.task;

import dev.parley.control.account.Tone;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import io.micronaut.data.annotation.Version;
import io.micronaut.data.annotation.sql.ColumnTransformer;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A call someone wants made (or an inbound call being handled): the row is also the dispatch queue
 * entry. Status changes go only through {@link CallTaskStateMachine}; {@code version} is the
 * optimistic-lock and fencing token every update checks. JSON-valued fields hold JSON text.
 */
@MappedEntity("call_tasks")
public class CallTask {
  @Id private UUID id;
  private UUID organizationId;
  private UUID ownerUserId;
  @Nullable private UUID parentTaskId;
  private String title;
  private String rawInstruction;

  @MappedProperty(converter = CallTaskKind.Converter.class)
  private CallTaskKind kind;

  @MappedProperty(converter = CallTaskStatus.Converter.class)
  private CallTaskStatus status;

  @Nullable
  @MappedProperty(converter = CallOutcome.Converter.class)
  private CallOutcome outcome;

  @MappedProperty(converter = TaskPriority.Converter.class)
  private TaskPriority priority;

  @Nullable private UUID contactId;
  @Nullable private String targetPhone;

  @MappedProperty(converter = Tone.Converter.class)
  private Tone tone;

  @Nullable private BigDecimal maxPrice;
  private String currency;

  @ColumnTransformer(write = "?::jsonb")
  private String hardConstraints;

  @ColumnTransformer(write = "?::jsonb")
  private String softPreferences;

  private boolean needsUserConfirmation;

  @Nullable
  @ColumnTransformer(write = "?::jsonb")
  private String plan;

  @Nullable private String summary;
  @Nullable private Boolean goalAchieved;
  private boolean followUpRequired;
  private int attemptCount;
  private int maxAttempts;
  @Nullable private Instant scheduledFor;
  @Nullable private Instant nextAttemptAt;
  @Nullable private Instant lastAttemptAt;
  @Nullable private String leaseOwner;
  @Nullable private Instant leaseExpiresAt;
  @Version private long version;
  @Nullable private String failureReason;

  @Nullable
  @ColumnTransformer(write = "?::jsonb")
  private String attestation;

  @Nullable private BigDecimal estimatedCost;
  @Nullable private BigDecimal actualCost;

  @Nullable
  @ColumnTransformer(write = "?::jsonb")
  private String costBreakdown;

  private Instant createdAt;
  private Instant updatedAt;

  public CallTask() {}

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

  public UUID getOwnerUserId() {
    return ownerUserId;
  }

  public void setOwnerUserId(UUID ownerUserId) {
    this.ownerUserId = ownerUserId;
  }

  @Nullable
  public UUID getParentTaskId() {
    return parentTaskId;
  }

  public void setParentTaskId(@Nullable UUID parentTaskId) {
    this.parentTaskId = parentTaskId;
  }

  public String getTitle() {
    return title;
  }

  public void setTitle(String title) {
    this.title = title;
  }

  public String getRawInstruction() {
    return rawInstruction;
  }

  public void setRawInstruction(String rawInstruction) {
    this.rawInstruction = rawInstruction;
  }

  public CallTaskKind getKind() {
    return kind;
  }

  public void setKind(CallTaskKind kind) {
    this.kind = kind;
  }

  public CallTaskStatus getStatus() {
    return status;
  }

  public void setStatus(CallTaskStatus status) {
    this.status = status;
  }

  @Nullable
  public CallOutcome getOutcome() {
    return outcome;
  }

  public void setOutcome(@Nullable CallOutcome outcome) {
    this.outcome = outcome;
  }

  public TaskPriority getPriority() {
    return priority;
  }

  public void setPriority(TaskPriority priority) {
    this.priority = priority;
  }

  @Nullable
  public UUID getContactId() {
    return contactId;
  }

  public void setContactId(@Nullable UUID contactId) {
    this.contactId = contactId;
  }

  @Nullable
  public String getTargetPhone() {
    return targetPhone;
  }

  public void setTargetPhone(@Nullable String targetPhone) {
    this.targetPhone = targetPhone;
  }

  public Tone getTone() {
    return tone;
  }

  public void setTone(Tone tone) {
    this.tone = tone;
  }

  @Nullable
  public BigDecimal getMaxPrice() {
    return maxPrice;
  }

  public void setMaxPrice(@Nullable BigDecimal maxPrice) {
    this.maxPrice = maxPrice;
  }

  public String getCurrency() {
    return currency;
  }

  public void setCurrency(String currency) {
    this.currency = currency;
  }

  public String getHardConstraints() {
    return hardConstraints;
  }

  public void setHardConstraints(String hardConstraints) {
    this.hardConstraints = hardConstraints;
  }

  public String getSoftPreferences() {
    return softPreferences;
  }

  public void setSoftPreferences(String softPreferences) {
    this.softPreferences = softPreferences;
  }

  public boolean isNeedsUserConfirmation() {
    return needsUserConfirmation;
  }

  public void setNeedsUserConfirmation(boolean needsUserConfirmation) {
    this.needsUserConfirmation = needsUserConfirmation;
  }

  @Nullable
  public String getPlan() {
    return plan;
  }

  public void setPlan(@Nullable String plan) {
    this.plan = plan;
  }

  @Nullable
  public String getSummary() {
    return summary;
  }

  public void setSummary(@Nullable String summary) {
    this.summary = summary;
  }

  @Nullable
  public Boolean getGoalAchieved() {
    return goalAchieved;
  }

  public void setGoalAchieved(@Nullable Boolean goalAchieved) {
    this.goalAchieved = goalAchieved;
  }

  public boolean isFollowUpRequired() {
    return followUpRequired;
  }

  public void setFollowUpRequired(boolean followUpRequired) {
    this.followUpRequired = followUpRequired;
  }

  public int getAttemptCount() {
    return attemptCount;
  }

  public void setAttemptCount(int attemptCount) {
    this.attemptCount = attemptCount;
  }

  public int getMaxAttempts() {
    return maxAttempts;
  }

  public void setMaxAttempts(int maxAttempts) {
    this.maxAttempts = maxAttempts;
  }

  @Nullable
  public Instant getScheduledFor() {
    return scheduledFor;
  }

  public void setScheduledFor(@Nullable Instant scheduledFor) {
    this.scheduledFor = scheduledFor;
  }

  @Nullable
  public Instant getNextAttemptAt() {
    return nextAttemptAt;
  }

  public void setNextAttemptAt(@Nullable Instant nextAttemptAt) {
    this.nextAttemptAt = nextAttemptAt;
  }

  @Nullable
  public Instant getLastAttemptAt() {
    return lastAttemptAt;
  }

  public void setLastAttemptAt(@Nullable Instant lastAttemptAt) {
    this.lastAttemptAt = lastAttemptAt;
  }

  @Nullable
  public String getLeaseOwner() {
    return leaseOwner;
  }

  public void setLeaseOwner(@Nullable String leaseOwner) {
    this.leaseOwner = leaseOwner;
  }

  @Nullable
  public Instant getLeaseExpiresAt() {
    return leaseExpiresAt;
  }

  public void setLeaseExpiresAt(@Nullable Instant leaseExpiresAt) {
    this.leaseExpiresAt = leaseExpiresAt;
  }

  public long getVersion() {
    return version;
  }

  public void setVersion(long version) {
    this.version = version;
  }

  @Nullable
  public String getFailureReason() {
    return failureReason;
  }

  public void setFailureReason(@Nullable String failureReason) {
    this.failureReason = failureReason;
  }

  @Nullable
  public String getAttestation() {
    return attestation;
  }

  public void setAttestation(@Nullable String attestation) {
    this.attestation = attestation;
  }

  @Nullable
  public BigDecimal getEstimatedCost() {
    return estimatedCost;
  }

  public void setEstimatedCost(@Nullable BigDecimal estimatedCost) {
    this.estimatedCost = estimatedCost;
  }

  @Nullable
  public BigDecimal getActualCost() {
    return actualCost;
  }

  public void setActualCost(@Nullable BigDecimal actualCost) {
    this.actualCost = actualCost;
  }

  @Nullable
  public String getCostBreakdown() {
    return costBreakdown;
  }

  public void setCostBreakdown(@Nullable String costBreakdown) {
    this.costBreakdown = costBreakdown;
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
