package dev.formation.flow;

import dev.formation.store.Tx;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;

/**
 * A lease per background job, so that with several app nodes one runs it at a time. A node
 * takes a lease that is free, expired or already its own; a node that dies loses it when it
 * expires. The row update is atomic, so two nodes asking together cannot both win.
 */
@Singleton
public class JobLeases {

    private final Tx tx;

    public JobLeases(Tx tx) {
        this.tx = tx;
    }

    public boolean acquire(String job, String holder, Duration ttl, LocalDateTime now) {
        LocalDateTime until = now.plus(ttl);
        return tx.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE `job_leases` SET `holder` = ?, `until_at` = ? "
                    + "WHERE `job` = ? AND (`holder` = ? OR `until_at` < ?)")) {
                ps.setString(1, holder);
                ps.setObject(2, until);
                ps.setString(3, job);
                ps.setString(4, holder);
                ps.setObject(5, now);
                if (ps.executeUpdate() == 1) {
                    return true;
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO `job_leases` (`job`, `holder`, `until_at`) "
                    + "VALUES (?, ?, ?)")) {
                ps.setString(1, job);
                ps.setString(2, holder);
                ps.setObject(3, until);
                ps.executeUpdate();
                return true;
            } catch (SQLException e) {
                if (dev.formation.store.Database.isUniqueViolation(e)) {
                    return false;
                }
                throw e;
            }
        });
    }

    /** Lets go of a lease this holder has, e.g. at shutdown; another holder's lease is left alone. */
    public void release(String job, String holder) {
        tx.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM `job_leases` WHERE `job` = ? AND `holder` = ?")) {
                ps.setString(1, job);
                ps.setString(2, holder);
                ps.executeUpdate();
            }
            return null;
        });
    }
}
