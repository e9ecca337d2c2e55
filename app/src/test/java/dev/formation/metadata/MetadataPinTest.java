package dev.formation.metadata;

import io.micronaut.core.propagation.PropagatedContext;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Within one pinned scope the holder answers one snapshot, whatever is swapped meanwhile. */
class MetadataPinTest {

    private static MetadataSnapshot snapshot(long version) {
        return new MetadataSnapshot(version, new MetadataSet(Map.of()), List.of());
    }

    @Test
    void aPinnedScopeKeepsTheSnapshotItFirstSawWhileTheNextScopeSeesTheNewOne() {
        MetadataSnapshot first = snapshot(1);
        MetadataSnapshot second = snapshot(2);
        MetadataHolder holder = new MetadataHolder(first);

        MetadataPin.within(() -> {
            assertSame(first, holder.current());
            holder.replace(second);
            assertSame(first, holder.current());
            assertSame(first, holder.current());
            assertSame(second, holder.latest());
            return null;
        });
        assertSame(second, holder.current(), "outside a scope the holder answers what is in force");
        assertSame(second, MetadataPin.within(holder::current), "a new scope starts on what is in force");
    }

    @Test
    void thePinIsTakenAtTheFirstUseAndIsPerHolder() {
        MetadataHolder one = new MetadataHolder(snapshot(1));
        MetadataHolder other = new MetadataHolder(snapshot(10));
        MetadataSnapshot next = snapshot(11);
        MetadataPin.within(() -> {
            MetadataSnapshot seen = one.current();
            other.replace(next);
            assertSame(next, other.current(), "the other holder was not used before its swap");
            one.replace(snapshot(2));
            assertSame(seen, one.current());
            return null;
        });
    }

    @Test
    void thePinTravelsWithThePropagatedContextToAnotherThread() throws Exception {
        MetadataSnapshot first = snapshot(1);
        MetadataHolder holder = new MetadataHolder(first);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            MetadataSnapshot elsewhere = MetadataPin.within(() -> {
                holder.current();
                holder.replace(snapshot(2));
                PropagatedContext context = PropagatedContext.get();
                return CompletableFuture.supplyAsync(() -> context.propagate(holder::current), pool).join();
            });
            assertSame(first, elsewhere);
            assertFalse(CompletableFuture.supplyAsync(holder::current, pool).get() == first,
                    "a thread outside the scope sees the swap");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aConditionalSwapLosesToANewerOne() {
        MetadataSnapshot first = snapshot(1);
        MetadataSnapshot newer = snapshot(3);
        MetadataHolder holder = new MetadataHolder(first);
        holder.replace(newer);
        assertFalse(holder.replace(first, snapshot(2)));
        assertSame(newer, holder.latest());
        assertTrue(holder.replace(newer, snapshot(4)));
    }
}
