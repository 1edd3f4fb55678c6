package dev.parley.control.contact;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Contacts, always looked up inside one organisation. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ContactRepository extends CrudRepository<Contact, UUID> {
  Optional<Contact> findByIdAndOrganizationId(UUID id, UUID organizationId);

  @Query(
      "SELECT * FROM contacts WHERE organization_id = :organizationId"
          + " ORDER BY name, id LIMIT :limit OFFSET :offset")
  List<Contact> page(UUID organizationId, int limit, int offset);

  long countByOrganizationId(UUID organizationId);

  List<Contact> findByOwnerUserId(UUID ownerUserId);

  List<Contact> findByOwnerUserIdAndPhone(UUID ownerUserId, String phone);

  int deleteByIdAndOrganizationId(UUID id, UUID organizationId);
}
