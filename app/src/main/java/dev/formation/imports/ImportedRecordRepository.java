package dev.formation.imports;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;

@JdbcRepository(dialect = Dialect.MYSQL)
interface ImportedRecordRepository extends GenericRepository<ImportedRecord, Long> {

    <S extends ImportedRecord> List<S> saveAll(Iterable<S> records);

    /** The import's records after {@code afterId}, a page at a time (an import may have written 100,000). */
    @Query("SELECT * FROM `import_records` WHERE `import_id` = :importId AND `id` > :afterId ORDER BY `id` LIMIT :limit")
    List<ImportedRecord> findPage(long importId, long afterId, int limit);

    @Query("UPDATE `import_records` SET `outcome` = :outcome WHERE `id` = :id")
    void outcome(long id, String outcome);
}
