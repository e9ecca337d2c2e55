package dev.formation.store;

import jakarta.inject.Singleton;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A counter that moves on after every write transaction of this node. Caches of query results
 * (report results) key their entries by it, so nobody is shown numbers from before their own
 * change; the caches' time limit bounds what a change made on another node may take to show.
 */
@Singleton
public class DataVersion {

    private final AtomicLong version = new AtomicLong();

    public long current() {
        return version.get();
    }

    void advance() {
        version.incrementAndGet();
    }
}
