package dev.formation.security;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
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

    /** Reads and locks the user's row, which serialises what must happen one at a time per user. */
    Optional<UserAccount> findByUsernameForUpdate(String username);

    List<UserAccount> findByUsernameIn(Collection<String> usernames);

    List<UserAccount> findAllOrderByUsername();

    /** What checking a token needs of a user; {@code token_version} is not part of {@link UserAccount}. */
    @Introspected
    record TokenHolder(String username, String name, @Nullable String department, String roles, boolean enabled,
                       int tokenVersion) {
    }

    @Query("SELECT `username`, `name`, `department`, `roles`, `enabled`, `token_version` FROM `users` "
            + "WHERE `username` = :username")
    Optional<TokenHolder> findTokenHolder(String username);

    /** Ends every token the user holds: they name an older version from now on. */
    @Query("UPDATE `users` SET `token_version` = `token_version` + 1 WHERE `username` = :username")
    void advanceTokenVersion(String username);
}
