package dev.formation.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * The harness's output: one line per figure, {@code BENCH <name> <value> <unit>} (details after),
 * and comparisons measured interleaved (A B A B ...) so a noisy neighbour on the shared machine
 * slows both sides alike. Nothing here fails: a figure that could not be measured prints {@code n/a}.
 */
final class Figures {

    private Figures() {
    }

    static void print(String name, double value, String unit, String details) {
        System.out.println(String.format(Locale.ROOT, "BENCH %s %s %s%s", name, number(value), unit,
                details == null || details.isEmpty() ? "" : " " + details));
    }

    static void print(String name, double value, String unit) {
        print(name, value, unit, "");
    }

    static void unavailable(String name, String why) {
        System.out.println("BENCH " + name + " n/a " + why.replace('\n', ' '));
    }

    private static String number(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.3g", v);
    }

    /** Nearest-rank percentile of {@code values}; NaN when empty. */
    static double percentile(List<Double> values, double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    static double median(List<Double> values) {
        return percentile(values, 50);
    }

    /**
     * Runs {@code a} and {@code b} alternately {@code rounds} times, each returning one figure
     * (e.g. records/s), and prints both medians and the median ratio a/b with its spread.
     */
    static void compareRounds(String name, String unit, int rounds, Callable<Double> a, Callable<Double> b,
                              String aSuffix, String bSuffix) {
        List<Double> as = new ArrayList<>();
        List<Double> bs = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        try {
            for (int i = 0; i < rounds; i++) {
                double x = a.call();
                double y = b.call();
                as.add(x);
                bs.add(y);
                ratios.add(x / y);
            }
        } catch (Exception e) {
            unavailable(name + "_ratio", "failed after " + as.size() + " rounds: " + e);
        }
        print(name + "_" + aSuffix, median(as), unit, spread(as));
        print(name + "_" + bSuffix, median(bs), unit, spread(bs));
        print(name + "_ratio", median(ratios), "x", spread(ratios) + " (" + aSuffix + "/" + bSuffix + ")");
    }

    /** {@code min=.. max=.. n=..}: how far the rounds spread around the median. */
    static String spread(List<Double> values) {
        if (values.isEmpty()) {
            return "n=0";
        }
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        return String.format(Locale.ROOT, "min=%s max=%s n=%d", number(v[0]), number(v[v.length - 1]), v.length);
    }

    /** Latencies in ms of two sides sampled request by request (A B A B ...): p50/p95/p99 of each and their ratios. */
    static void compareLatencies(String name, List<Double> a, List<Double> b, String aSuffix, String bSuffix) {
        for (int p : new int[] {50, 95, 99}) {
            double x = percentile(a, p);
            double y = percentile(b, p);
            print(name + "_" + aSuffix + "_p" + p, x, "ms", "n=" + a.size());
            print(name + "_" + bSuffix + "_p" + p, y, "ms", "n=" + b.size());
            print(name + "_ratio_p" + p, x / y, "x", "(" + aSuffix + "/" + bSuffix + ")");
        }
    }

    static double millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e6;
    }
}
