package dev.parley.control.settings;

import dev.parley.control.account.Tone;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import io.micronaut.data.annotation.sql.ColumnTransformer;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalTime;
import java.util.UUID;

/**
 * How a user's assistant behaves: money limits, tone, what personal data it may share, what it must
 * never say, retries, the calling window and the voicemail policy. JSON columns are JSON arrays of
 * strings.
 */
@MappedEntity("assistant_settings")
public record AssistantSettings(
    @Id UUID userId,
    UUID organizationId,
    BigDecimal autoApproveAmount,
    BigDecimal requireApprovalAmount,
    @MappedProperty(converter = Tone.Converter.class) Tone defaultTone,
    @ColumnTransformer(write = "?::jsonb") String allowedPersonalFields,
    @ColumnTransformer(write = "?::jsonb") String forbiddenPhrases,
    boolean autoRetry,
    int maxRetryAttempts,
    LocalTime callingWindowStart,
    LocalTime callingWindowEnd,
    @MappedProperty(converter = VoicemailPolicy.Converter.class) VoicemailPolicy voicemailPolicy,
    Instant updatedAt) {}
