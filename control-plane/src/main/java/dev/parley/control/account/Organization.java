package dev.parley.control.account;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/** A tenant: every other record belongs to exactly one organisation. */
@MappedEntity("organizations")
public record Organization(@Id UUID id, String name, Instant createdAt) {}
