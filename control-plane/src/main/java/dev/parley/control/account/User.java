package dev.parley.control.account;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import java.time.Instant;
import java.util.UUID;

/** A person who owns call tasks inside an organisation. */
@MappedEntity("users")
public record User(
    @Id UUID id,
    UUID organizationId,
    String fullName,
    String email,
    @Nullable String phone,
    @MappedProperty(converter = Tone.Converter.class) Tone defaultTone,
    String timeZone,
    @MappedProperty(converter = UserRole.Converter.class) UserRole role,
    Instant createdAt,
    Instant updatedAt) {}
