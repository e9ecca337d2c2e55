package dev.formation.web.export;

import io.micronaut.core.propagation.PropagatedContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Runs a producer of items on another thread while the caller's thread consumes them, through a
 * queue of a few items: an export's reading (the database, names, cell values) and its writing
 * (the spreadsheet's XML) take about as long each, so overlapping them about halves an export on
 * two cores. The producer runs in the caller's propagated context (its tenant, its metadata). A
 * failure on either side stops both and reaches the caller; nothing is left running.
 */
final class ReadAhead {

    /** Items waiting for the consumer at most: a few pages, so memory stays bounded. */
    private static final int WAITING = 3;

    private static final Object END = new Object();

    private record Failure(Throwable cause) {
    }

    /** Thrown into the producer when the consumer has stopped. */
    private static final class Stopped extends RuntimeException {
        Stopped() {
            super(null, null, false, false);
        }
    }

    interface Sink<T> {
        void accept(T item) throws IOException;
    }

    private ReadAhead() {
    }

    static <T> void run(ExecutorService executor, Consumer<Consumer<T>> producer, Sink<T> consumer) throws IOException {
        BlockingQueue<Object> queue = new ArrayBlockingQueue<>(WAITING);
        AtomicBoolean stopped = new AtomicBoolean();
        Future<?> reading = executor.submit(PropagatedContext.getOrEmpty().wrap(() -> {
            try {
                producer.accept(item -> hand(queue, stopped, item));
                hand(queue, stopped, END);
            } catch (Stopped s) {
                // the consumer gave up: nothing more to hand over
            } catch (Throwable t) {
                try {
                    hand(queue, stopped, new Failure(t));
                } catch (Stopped s) {
                    // the consumer gave up first: its own failure is the one reported
                }
            }
        }));
        try {
            while (true) {
                Object item = queue.take();
                if (item == END) {
                    return;
                }
                if (item instanceof Failure f) {
                    rethrow(f.cause());
                }
                @SuppressWarnings("unchecked")
                T t = (T) item;
                consumer.accept(t);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while exporting", e);
        } finally {
            stopped.set(true);
            queue.clear();
            reading.cancel(false);
        }
    }

    /** Puts the item in the queue, waiting while it is full, unless the consumer has stopped. */
    private static void hand(BlockingQueue<Object> queue, AtomicBoolean stopped, Object item) {
        try {
            while (!queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
                if (stopped.get()) {
                    throw new Stopped();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Stopped();
        }
        if (stopped.get()) {
            throw new Stopped();
        }
    }

    private static void rethrow(Throwable cause) throws IOException {
        if (cause instanceof UncheckedIOException u) {
            throw u.getCause();
        }
        if (cause instanceof IOException io) {
            throw io;
        }
        if (cause instanceof RuntimeException r) {
            throw r;
        }
        if (cause instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException(cause);
    }
}
