package dev.formation.imports;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;

@JdbcRepository(dialect = Dialect.MYSQL)
interface ImportProblemRepository extends GenericRepository<ImportProblem, Long> {

    <S extends ImportProblem> List<S> saveAll(Iterable<S> problems);

    @Query("SELECT * FROM `import_errors` WHERE `import_id` = :importId ORDER BY `id` LIMIT :limit")
    List<ImportProblem> findFirst(long importId, int limit);

    @Query("SELECT * FROM `import_errors` WHERE `import_id` = :importId ORDER BY `id`")
    List<ImportProblem> findAll(long importId);
}
