package dev.formation.lookup;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.LocalDateTime;
import java.util.Optional;

/** The tenant's registry files. The MySQL dialect also serves H2, which runs in MySQL mode. */
@JdbcRepository(dialect = Dialect.MYSQL)
public interface CompanyRegistryRepository extends CrudRepository<CompanyRegistry, Long> {

    /** What the newest load is, without its content: read on every search, so it stays small. */
    @Introspected
    record Summary(long id, String fileName, String checksum, int companies, String loadedBy, LocalDateTime loadedAt) {
    }

    @Query("SELECT `id`, `file_name`, `checksum`, `companies`, `loaded_by`, `loaded_at` FROM `company_registries` "
            + "ORDER BY `id` DESC LIMIT 1")
    Optional<Summary> findNewest();
}
