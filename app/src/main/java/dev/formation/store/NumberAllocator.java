package dev.formation.store;

import dev.formation.config.FormationSettings;
import dev.formation.core.TenantScope;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.util.HashMap;
import java.util.Map;

/**
 * Hands out sequence numbers for auto-numbers. A node reserves a block of numbers in a short
 * transaction of its own and then serves inserts from memory, so inserts do not queue on one
 * hot counter row and a counter lock is never held for the length of a record's transaction.
 * The price is the usual one: numbers are unique and increase per node, but a restart leaves
 * the rest of a block unused (gaps).
 */
@Singleton
public class NumberAllocator {

    /** Its own transaction, whatever the caller's: a block is reserved for good even if the record is not. */
    private static final TransactionDefinition OWN =
            TransactionDefinition.of(TransactionDefinition.Propagation.REQUIRES_NEW);

    private final TransactionOperations<Connection> transactions;
    private final NumberCounterRepository counters;
    private final int blockSize;
    private final Map<String, long[]> blocks = new HashMap<>();

    NumberAllocator(TransactionOperations<Connection> transactions, NumberCounterRepository counters,
                    FormationSettings settings) {
        this.transactions = transactions;
        this.counters = counters;
        this.blockSize = Math.max(1, settings.getNumberBlockSize());
    }

    public synchronized long next(String counterKey) {
        // each tenant's counters are its own: the block in hand is kept per tenant
        String held = TenantScope.current() + '/' + counterKey;
        long[] block = blocks.get(held);
        if (block == null || block[0] > block[1]) {
            block = reserve(counterKey);
            blocks.put(held, block);
        }
        return block[0]++;
    }

    /** Returns {first, last} of a fresh block. */
    private long[] reserve(String counterKey) {
        long end;
        try {
            end = transactions.execute(OWN, status -> bump(counterKey));
        } catch (DataAccessException e) {
            if (!Database.isUniqueViolation(e)) {
                throw e;
            }
            // another node created the counter first (ours rolled back): take the block after theirs
            end = transactions.execute(OWN, status -> bump(counterKey));
        }
        return new long[]{end - blockSize + 1, end};
    }

    private long bump(String counterKey) {
        if (counters.advance(counterKey, blockSize) == 0) {
            counters.save(new NumberCounter(counterKey, blockSize));
            return blockSize;
        }
        return counters.findLastValueByCounterKey(counterKey).orElseThrow();
    }
}
