package dev.parley.control.account;

import dev.parley.control.auth.ApiKeyService;
import dev.parley.control.auth.ApiKeyService.IssuedKey;
import dev.parley.control.auth.Caller;
import dev.parley.control.phone.PhoneNumbers;
import dev.parley.control.web.ProblemException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.UUID;

/** Organisations, users and the caller's own profile. */
@Singleton
public class AccountService {
  private final OrganizationRepository organizations;
  private final UserRepository users;
  private final ApiKeyService apiKeys;
  private final PhoneNumbers phones;
  private final Clock clock;

  AccountService(
      OrganizationRepository organizations,
      UserRepository users,
      ApiKeyService apiKeys,
      PhoneNumbers phones,
      Clock clock) {
    this.organizations = organizations;
    this.users = users;
    this.apiKeys = apiKeys;
    this.phones = phones;
    this.clock = clock;
  }

  /** A new organisation, its first user and that user's first API key. */
  public record NewTenant(Organization organization, User user, IssuedKey key) {}

  /**
   * Creates an organisation with one user and an API key; {@code presetKey} may fix the key (the
   * bootstrap admin's configured key), otherwise one is generated.
   */
  @Transactional
  public NewTenant createTenant(
      String organizationName,
      String fullName,
      String email,
      UserRole role,
      @Nullable String presetKey) {
    Instant now = clock.instant();
    Organization organization =
        organizations.save(new Organization(UUID.randomUUID(), organizationName, now));
    User user =
        users.save(
            new User(
                UUID.randomUUID(),
                organization.id(),
                fullName,
                email.toLowerCase(Locale.ROOT),
                null,
                Tone.NEUTRAL,
                "UTC",
                role,
                now,
                now));
    IssuedKey key =
        presetKey == null
            ? apiKeys.issue(organization.id(), user.id(), "initial")
            : apiKeys.issue(organization.id(), user.id(), "bootstrap", presetKey);
    return new NewTenant(organization, user, key);
  }

  /** Adds a user to the caller's organisation (used by the admin tooling and tests). */
  @Transactional
  public NewTenant addUser(UUID organizationId, String fullName, String email, UserRole role) {
    Instant now = clock.instant();
    Organization organization =
        organizations
            .findById(organizationId)
            .orElseThrow(() -> ProblemException.notFound("organization", organizationId));
    User user =
        users.save(
            new User(
                UUID.randomUUID(),
                organizationId,
                fullName,
                email.toLowerCase(Locale.ROOT),
                null,
                Tone.NEUTRAL,
                "UTC",
                role,
                now,
                now));
    return new NewTenant(organization, user, apiKeys.issue(organizationId, user.id(), "initial"));
  }

  public boolean anyUser() {
    return users.count() > 0;
  }

  public User me(Caller caller) {
    return users
        .findByIdAndOrganizationId(caller.userId(), caller.organizationId())
        .orElseThrow(() -> ProblemException.notFound("user", caller.userId()));
  }

  /** Applies the non-null fields of a profile update. */
  @Transactional
  public User updateMe(Caller caller, UpdateProfileCommand command) {
    User current = me(caller);
    String phone =
        command.phone() == null ? current.phone() : phones.normalize("phone", command.phone());
    String zone = current.timeZone();
    if (command.timeZone() != null) {
      try {
        zone = ZoneId.of(command.timeZone()).getId();
      } catch (DateTimeException e) {
        throw ProblemException.invalidField("timeZone", "is not an IANA time zone id");
      }
    }
    User updated =
        new User(
            current.id(),
            current.organizationId(),
            command.fullName() == null ? current.fullName() : command.fullName().strip(),
            current.email(),
            phone,
            command.defaultTone() == null ? current.defaultTone() : command.defaultTone(),
            zone,
            current.role(),
            current.createdAt(),
            clock.instant());
    return users.update(updated);
  }
}
