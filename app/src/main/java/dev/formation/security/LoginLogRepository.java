package dev.formation.security;

import dev.formation.store.DateTimeColumn;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.LocalDateTime;
import java.util.Collection;
import java.util.List;

@JdbcRepository(dialect = Dialect.MYSQL)
interface LoginLogRepository extends GenericRepository<LoginEntry, Long> {

    LoginEntry save(LoginEntry entry);

    List<LoginEntry> findByUsernameAndAtGreaterThanEqualsAndOutcomeInOrderByIdDesc(
            String username, @DateTimeColumn LocalDateTime since, Collection<String> outcomes, Pageable page);

    /** As above, of one client address, plus the unlocks (which have none). */
    @Query("SELECT * FROM `login_log` WHERE `username` = :username AND `at` >= :since "
            + "AND `outcome` IN (:outcomes) AND (`client_address` = :clientAddress OR `outcome` = :unlocked) "
            + "ORDER BY `id` DESC LIMIT :limit")
    List<LoginEntry> decisiveFrom(String username, @DateTimeColumn LocalDateTime since, Collection<String> outcomes,
                                  String clientAddress, String unlocked, int limit);

    List<LoginEntry> findAllOrderByIdDesc(Pageable page);

    List<LoginEntry> findByUsernameOrderByIdDesc(String username, Pageable page);
}
