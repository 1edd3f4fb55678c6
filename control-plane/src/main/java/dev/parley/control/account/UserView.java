package dev.parley.control.account;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.UUID;

/** A user as the API shows it. */
@Serdeable
public record UserView(
    UUID id,
    UUID organizationId,
    String fullName,
    String email,
    String phone,
    Tone defaultTone,
    String timeZone,
    UserRole role,
    Instant createdAt,
    Instant updatedAt) {
  static UserView of(User u) {
    return new UserView(
        u.id(),
        u.organizationId(),
        u.fullName(),
        u.email(),
        u.phone(),
        u.defaultTone(),
        u.timeZone(),
        u.role(),
        u.createdAt(),
        u.updatedAt());
  }
}
