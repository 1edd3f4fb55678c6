package dev.parley.control.account;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.UUID;

/** Organisations. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface OrganizationRepository extends CrudRepository<Organization, UUID> {}
