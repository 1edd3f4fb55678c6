package dev.parley.control.contact;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import java.time.Instant;
import java.util.UUID;

/** Someone a user calls; the phone is stored in E.164. */
@MappedEntity("contacts")
public record Contact(
    @Id UUID id,
    UUID organizationId,
    UUID ownerUserId,
    String name,
    @Nullable String company,
    String phone,
    @Nullable String email,
    @Nullable String notes,
    @MappedProperty(converter = ContactKind.Converter.class) ContactKind kind,
    Instant createdAt,
    Instant updatedAt) {}
