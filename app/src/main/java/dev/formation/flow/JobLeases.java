package dev.formation.flow;

import dev.formation.store.Database;
import dev.formation.store.Tx;
import io.micronaut.data.exceptions.DataAccessException;
import jakarta.inject.Singleton;

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
    private final JobLeaseRepository leases;

    public JobLeases(Tx tx, JobLeaseRepository leases) {
        this.tx = tx;
        this.leases = leases;
    }

    public boolean acquire(String job, String holder, Duration ttl, LocalDateTime now) {
        LocalDateTime until = now.plus(ttl);
        return tx.write(c -> {
            if (leases.takeOver(job, holder, until, now) == 1) {
                return true;
            }
            try {
                leases.save(new JobLease(job, holder, until));
                return true;
            } catch (DataAccessException e) {
                if (Database.isUniqueViolation(e)) {
                    return false;
                }
                throw e;
            }
        });
    }

    /** Lets go of a lease this holder has, e.g. at shutdown; another holder's lease is left alone. */
    public void release(String job, String holder) {
        tx.write(c -> {
            leases.deleteByJobAndHolder(job, holder);
            return null;
        });
    }
}
