package dev.parley.control.contact;

import dev.parley.control.auth.Caller;
import dev.parley.control.phone.PhoneNumbers;
import dev.parley.control.web.ProblemException;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Contact rules: E.164 phones, tenant scoping. */
@Singleton
public class ContactService {
  private final ContactRepository contacts;
  private final PhoneNumbers phones;
  private final Clock clock;

  ContactService(ContactRepository contacts, PhoneNumbers phones, Clock clock) {
    this.contacts = contacts;
    this.phones = phones;
    this.clock = clock;
  }

  @Transactional
  public Contact create(Caller caller, ContactCommand command) {
    Instant now = clock.instant();
    return contacts.save(
        new Contact(
            UUID.randomUUID(),
            caller.organizationId(),
            caller.userId(),
            command.name().strip(),
            command.company(),
            phones.normalize("phone", command.phone()),
            command.email(),
            command.notes(),
            command.kind(),
            now,
            now));
  }

  /** A contact of the caller's organisation; any other id is 404. */
  public Contact get(Caller caller, UUID id) {
    return contacts
        .findByIdAndOrganizationId(id, caller.organizationId())
        .orElseThrow(() -> ProblemException.notFound("contact", id));
  }

  public List<Contact> list(Caller caller, int offset, int limit) {
    return contacts.page(caller.organizationId(), limit, offset);
  }

  public long count(Caller caller) {
    return contacts.countByOrganizationId(caller.organizationId());
  }

  /** The caller's own contacts, for the planner to match names against. */
  public List<Contact> ownedBy(Caller caller) {
    return contacts.findByOwnerUserId(caller.userId());
  }

  @Transactional
  public Contact replace(Caller caller, UUID id, ContactCommand command) {
    Contact current = get(caller, id);
    return contacts.update(
        new Contact(
            current.id(),
            current.organizationId(),
            current.ownerUserId(),
            command.name().strip(),
            command.company(),
            phones.normalize("phone", command.phone()),
            command.email(),
            command.notes(),
            command.kind(),
            current.createdAt(),
            clock.instant()));
  }

  @Transactional
  public void delete(Caller caller, UUID id) {
    if (contacts.deleteByIdAndOrganizationId(id, caller.organizationId()) == 0) {
      throw ProblemException.notFound("contact", id);
    }
  }
}
