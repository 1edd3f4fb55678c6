package dev.parley.control.task;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.parley.control.account.Tone;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The request bodies of the call-task API. Times are RFC 3339 with an offset. */
public final class CallTaskCommands {
  private CallTaskCommands() {}

  /** Create a call task from a natural-language instruction. */
  @Serdeable
  @JsonIgnoreProperties(ignoreUnknown = false)
  @Introspected
  public record CreateCallTask(
      @NotBlank @Size(max = 4000) String instruction,
      @Nullable UUID contactId,
      @Nullable @Size(max = 64) String phone,
      @Nullable @DecimalMin("0") @DecimalMax("1000000") @Digits(integer = 7, fraction = 2)
          BigDecimal maxPrice,
      @Nullable Tone tone,
      @Nullable TaskPriority priority,
      @Nullable @Size(max = 20) List<@NotBlank @Size(max = 500) String> hardConstraints,
      @Nullable @Size(max = 20) List<@NotBlank @Size(max = 500) String> softPreferences,
      @Nullable OffsetDateTime scheduledFor,
      @Nullable @Min(1) @Max(20) Integer maxAttempts) {}

  /** The five statements a business caller must affirm before Parley dials for them. */
  @Serdeable
  @JsonIgnoreProperties(ignoreUnknown = false)
  @Introspected
  public record B2bAttestations(
      @NotNull @AssertTrue(message = "must be affirmed") Boolean authorizedToCall,
      @NotNull @AssertTrue(message = "must be affirmed") Boolean existingBusinessRelationship,
      @NotNull @AssertTrue(message = "must be affirmed") Boolean notTelemarketing,
      @NotNull @AssertTrue(message = "must be affirmed") Boolean recordingDisclosure,
      @NotNull @AssertTrue(message = "must be affirmed") Boolean compliesWithCallingLaws) {}

  /** Who signed the attestations. */
  @Serdeable
  @JsonIgnoreProperties(ignoreUnknown = false)
  @Introspected
  public record Signature(
      @NotBlank @Size(max = 200) String name, @NotBlank @Size(max = 200) String organization) {}

  /** A business-to-business call: attestations and signature are required. */
  @Serdeable
  @JsonIgnoreProperties(ignoreUnknown = false)
  @Introspected
  public record CreateB2bCall(
      @NotBlank @Size(max = 4000) String instruction,
      @Nullable UUID contactId,
      @Nullable @Size(max = 64) String phone,
      @Nullable @DecimalMin("0") @DecimalMax("1000000") @Digits(integer = 7, fraction = 2)
          BigDecimal maxPrice,
      @Nullable Tone tone,
      @Nullable TaskPriority priority,
      @Nullable OffsetDateTime scheduledFor,
      @NotNull @Valid B2bAttestations attestations,
      @NotNull @Valid Signature signature) {}

  /** Answers to what the planner found missing. */
  @Serdeable
  @JsonIgnoreProperties(ignoreUnknown = false)
  @Introspected
  public record Clarify(
      @Nullable UUID contactId,
      @Nullable @Size(max = 64) String phone,
      @Nullable @DecimalMin("0") @DecimalMax("1000000") @Digits(integer = 7, fraction = 2)
          BigDecimal maxPrice,
      @Nullable @Size(max = 20)
          Map<@NotBlank @Size(max = 100) String, @NotBlank @Size(max = 1000) String> answers) {}

  /** When to place the call. */
  @Serdeable
  @JsonIgnoreProperties(ignoreUnknown = false)
  @Introspected
  public record Schedule(@NotNull OffsetDateTime scheduledFor) {}

  /** Why the task is cancelled (optional). */
  @Serdeable
  @JsonIgnoreProperties(ignoreUnknown = false)
  @Introspected
  public record Cancel(@Nullable @Size(max = 1000) String reason) {}

  /** A follow-up call to a finished task; the instruction defaults to the original one. */
  @Serdeable
  @JsonIgnoreProperties(ignoreUnknown = false)
  @Introspected
  public record FollowUp(
      @Nullable @Size(min = 1, max = 4000) String instruction,
      @Nullable OffsetDateTime scheduledFor) {}
}
