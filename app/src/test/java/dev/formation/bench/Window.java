package dev.formation.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * The requests of one stretch of a run and their figures: how many, how many failed, latency
 * percentiles, throughput, and the longest time no write completed (whether writes kept flowing).
 */
final class Window {

    final String name;
    final long from;
    final long to;
    final List<LoadClients.Sample> samples;

    private Window(String name, long from, long to, List<LoadClients.Sample> samples) {
        this.name = name;
        this.from = from;
        this.to = to;
        this.samples = samples;
    }

    /** Requests that started in {@code [from, to)}. */
    static Window started(String name, List<LoadClients.Sample> all, long from, long to) {
        return new Window(name, from, to, all.stream().filter(s -> s.start() >= from && s.start() < to).toList());
    }

    /** Requests that were in flight at some moment of {@code [from, to]}: the ones a change there could slow. */
    static Window overlapping(String name, List<LoadClients.Sample> all, long from, long to) {
        return new Window(name, from, to, all.stream().filter(s -> s.start() <= to && s.end() >= from).toList());
    }

    Window only(String suffix, Predicate<LoadClients.Sample> which) {
        return new Window(name + suffix, from, to, samples.stream().filter(which).toList());
    }

    int count() {
        return samples.size();
    }

    long failures() {
        return samples.stream().filter(s -> !s.ok()).count();
    }

    List<String> failureTexts(int max) {
        return samples.stream().filter(s -> !s.ok()).map(LoadClients.Sample::failure).limit(max).toList();
    }

    /** The latency percentile in milliseconds, nearest-rank; 0 without requests. */
    double percentile(double p) {
        long[] micros = samples.stream().mapToLong(LoadClients.Sample::micros).sorted().toArray();
        if (micros.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * micros.length);
        return micros[Math.max(0, Math.min(micros.length - 1, rank - 1))] / 1000.0;
    }

    double seconds() {
        return (to - from) / 1e9;
    }

    /** Requests started per second. */
    double rate() {
        return seconds() <= 0 ? 0 : count() / seconds();
    }

    /** Writes that completed in {@code [from, to]}, per second. */
    double writesCompletedPerSecond() {
        return seconds() <= 0 ? 0 : writesCompleted() / seconds();
    }

    long writesCompleted() {
        return samples.stream().filter(s -> s.op().write() && s.ok() && s.end() >= from && s.end() <= to).count();
    }

    /** The longest stretch of {@code [from, to]} in which no write completed, in milliseconds. */
    double longestWriteGapMillis() {
        List<Long> ends = new ArrayList<>();
        ends.add(from);
        samples.stream().filter(s -> s.op().write() && s.ok() && s.end() >= from && s.end() <= to)
                .forEach(s -> ends.add(s.end()));
        ends.add(to);
        long[] sorted = ends.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        long gap = 0;
        for (int i = 1; i < sorted.length; i++) {
            gap = Math.max(gap, sorted[i] - sorted[i - 1]);
        }
        return gap / 1e6;
    }
}
