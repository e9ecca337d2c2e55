package dev.formation.flow;

import dev.formation.store.DateTimeColumn;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.LocalDateTime;

@JdbcRepository(dialect = Dialect.MYSQL)
interface JobLeaseRepository extends GenericRepository<JobLease, String> {

    /** Renews a lease of this holder or takes over an expired one, in one atomic update. */
    @Query("UPDATE `job_leases` SET `holder` = :holder, `until_at` = :until "
            + "WHERE `job` = :job AND (`holder` = :holder OR `until_at` < :now)")
    int takeOver(String job, String holder, @DateTimeColumn LocalDateTime until, @DateTimeColumn LocalDateTime now);

    JobLease save(JobLease lease);

    void deleteByJobAndHolder(String job, String holder);
}
