package dev.parley.control.contact;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.UUID;

/** A contact as the API shows it. */
@Serdeable
public record ContactView(
    UUID id,
    String name,
    String company,
    String phone,
    String email,
    String notes,
    ContactKind kind,
    Instant createdAt,
    Instant updatedAt) {
  static ContactView of(Contact c) {
    return new ContactView(
        c.id(),
        c.name(),
        c.company(),
        c.phone(),
        c.email(),
        c.notes(),
        c.kind(),
        c.createdAt(),
        c.updatedAt());
  }
}
