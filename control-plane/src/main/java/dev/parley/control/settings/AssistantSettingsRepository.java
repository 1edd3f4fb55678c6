package dev.parley.control.settings;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.UUID;

/** Assistant settings, one row per user. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface AssistantSettingsRepository extends CrudRepository<AssistantSettings, UUID> {}
