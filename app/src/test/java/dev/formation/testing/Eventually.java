package dev.formation.testing;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Waits for something another thread or node does (a watcher's swap, a publish reaching a second
 * node): asks again every few milliseconds until it holds, and fails with the message once the
 * limit has passed. One place for the polling, so no test grows its own sleep loop.
 */
public final class Eventually {

    private static final long PAUSE_NANOS = Duration.ofMillis(25).toNanos();

    private Eventually() {
    }

    /** How long the condition took to hold, counted from {@code startNanos} (a System.nanoTime()). */
    public static Duration holds(BooleanSupplier condition, long startNanos, Duration limit, Supplier<String> message) {
        long deadline = startNanos + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() >= deadline) {
                fail(message.get());
            }
            LockSupport.parkNanos(PAUSE_NANOS);
        }
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    public static Duration holds(BooleanSupplier condition, Duration limit, String message) {
        return holds(condition, System.nanoTime(), limit, () -> message);
    }
}
