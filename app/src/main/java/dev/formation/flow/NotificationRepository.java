package dev.formation.flow;

import dev.formation.store.DateTimeColumn;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

/** Notifications and the e-mail outbox they make up. Runs on the caller's transaction. */
@JdbcRepository(dialect = Dialect.MYSQL)
interface NotificationRepository extends GenericRepository<StoredNotification, Long> {

    StoredNotification save(StoredNotification notification);

    List<StoredNotification> findByUsernameOrderByIdDesc(String username, Pageable page);

    Optional<String> findLinkByIdAndUsername(long id, String username);

    long countByUsernameAndReadAtIsNull(String username);

    @Query("UPDATE `notifications` SET `read_at` = :now WHERE `username` = :username AND `read_at` IS NULL")
    void markAllRead(String username, @DateTimeColumn LocalDateTime now);

    @Query("UPDATE `notifications` SET `read_at` = :now WHERE `username` = :username AND `read_at` IS NULL "
            + "AND `id` = :id")
    void markRead(String username, long id, @DateTimeColumn LocalDateTime now);

    /** An e-mail due to be sent, with its recipient's name and address. */
    @Introspected
    record Outgoing(long id, String username, @Nullable String name, @Nullable String email, String subject,
                    String body, @Nullable String link, int emailAttempts, @Nullable String emailChannels) {
    }

    /** E-mails due now that no live node has claimed, oldest first. */
    @Query("SELECT n.`id` AS `id`, n.`username` AS `username`, u.`name` AS `name`, u.`email` AS `email`, "
            + "n.`subject` AS `subject`, n.`body` AS `body`, n.`link` AS `link`, n.`email_attempts` AS `email_attempts`, "
            + "n.`email_channels` AS `email_channels` FROM `notifications` n JOIN `users` u ON u.`username` = n.`username` WHERE n.`email_status` = 'pending' "
            + "AND (n.`email_next_at` IS NULL OR n.`email_next_at` <= :now) "
            + "AND (n.`email_claimed_by` IS NULL OR n.`email_claimed_at` < :claimedBefore) ORDER BY n.`id` LIMIT :limit")
    List<Outgoing> due(@DateTimeColumn LocalDateTime now, @DateTimeColumn LocalDateTime claimedBefore, int limit);

    /** Takes an e-mail for a node: one atomic update, so of two nodes asking at once one wins. */
    @Query("UPDATE `notifications` SET `email_claimed_by` = :holder, `email_claimed_at` = :at WHERE `id` = :id "
            + "AND `email_status` = 'pending' AND (`email_claimed_by` IS NULL OR `email_claimed_at` < :claimedBefore)")
    int claim(long id, String holder, @DateTimeColumn LocalDateTime at, @DateTimeColumn LocalDateTime claimedBefore);

    /** Writes a sending's outcome and lets go of the claim. */
    @Query("UPDATE `notifications` SET `email_status` = :status, `email_attempts` = :attempts, "
            + "`email_next_at` = :next, `email_error` = :error, `email_channels` = :channels, "
            + "`email_claimed_by` = NULL, `email_claimed_at` = NULL WHERE `id` = :id AND `email_claimed_by` = :holder")
    void finish(long id, String holder, String status, int attempts, @DateTimeColumn LocalDateTime next,
                @Nullable String error, @Nullable String channels);
}
