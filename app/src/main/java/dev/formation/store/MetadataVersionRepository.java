package dev.formation.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.Optional;

/** Versions of definitions (see {@link MetadataVersions}); flows start on one and finish on it. */
@JdbcRepository(dialect = Dialect.MYSQL)
public interface MetadataVersionRepository extends GenericRepository<MetadataVersion, Long> {

    MetadataVersion save(MetadataVersion version);

    @Query("SELECT `sha256` FROM `metadata_versions` WHERE `kind` = :kind AND `doc_key` = :docKey "
            + "ORDER BY `id` DESC LIMIT 1")
    Optional<String> latestHash(String kind, String docKey);

    /** The newest version's id; null when the definition was never stored. */
    @Nullable
    Long findMaxIdByKindAndDocKey(String kind, String docKey);

    Optional<MetadataVersion> findByIdAndKind(long id, String kind);

    /** How many versions of the definition came up to and including this one. */
    long countByKindAndDocKeyAndIdLessThanEquals(String kind, String docKey, long id);
}
