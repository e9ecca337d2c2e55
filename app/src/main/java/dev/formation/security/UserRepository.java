package dev.formation.security;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Users. The MySQL dialect also serves H2, which runs in MySQL mode. */
@JdbcRepository(dialect = Dialect.MYSQL)
public interface UserRepository extends CrudRepository<UserAccount, Long> {

    Optional<UserAccount> findByUsername(String username);

    List<UserAccount> findByUsernameIn(Collection<String> usernames);

    List<UserAccount> findAllOrderByUsername();
}
