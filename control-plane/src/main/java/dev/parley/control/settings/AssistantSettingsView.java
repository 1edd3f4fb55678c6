package dev.parley.control.settings;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.parley.control.account.Tone;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;

/** Assistant settings as read and written through the API (PUT replaces all of them). */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = false)
public record AssistantSettingsView(
    @NotNull @DecimalMin("0") @DecimalMax("1000000") BigDecimal autoApproveAmount,
    @NotNull @DecimalMin("0") @DecimalMax("1000000") BigDecimal requireApprovalAmount,
    @NotNull Tone defaultTone,
    @NotNull @Size(max = 50) List<@NotBlank @Size(max = 100) String> allowedPersonalFields,
    @NotNull @Size(max = 200) List<@NotBlank @Size(max = 200) String> forbiddenPhrases,
    @NotNull Boolean autoRetry,
    @NotNull @Min(0) @Max(10) Integer maxRetryAttempts,
    @NotNull LocalTime callingWindowStart,
    @NotNull LocalTime callingWindowEnd,
    @NotNull VoicemailPolicy voicemailPolicy,
    @Nullable Instant updatedAt) {}
