package dev.formation.security;

import dev.formation.store.DateTimeColumn;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

/** Delegation grants. Runs on the caller's transaction (see {@code store.Tx}). */
@JdbcRepository(dialect = Dialect.MYSQL)
interface DelegationRepository extends GenericRepository<Delegation, Long> {

    Delegation save(Delegation delegation);

    Optional<Delegation> findById(long id);

    List<Delegation> findByPrincipalOrderByIdDesc(String principal);

    List<Delegation> findByDelegateOrderByIdDesc(String delegate);

    @Query("UPDATE `delegations` SET `revoked_at` = :at WHERE `id` = :id AND `revoked_at` IS NULL")
    void revoke(long id, @DateTimeColumn LocalDateTime at);
}
