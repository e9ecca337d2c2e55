package dev.formation.flow;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.Optional;

/** People's own channel choices. Runs on the caller's transaction (see {@code store.Tx}). */
@JdbcRepository(dialect = Dialect.MYSQL)
interface NotificationPreferenceRepository extends GenericRepository<NotificationPreference, String> {

    Optional<NotificationPreference> findById(String username);

    NotificationPreference save(NotificationPreference preference);

    NotificationPreference update(NotificationPreference preference);

    void deleteById(String username);
}
