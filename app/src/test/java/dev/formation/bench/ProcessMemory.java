package dev.formation.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Memory of the app process, read without JMX: resident set from {@code /proc/<pid>/status},
 * heap in use from {@code jcmd <pid> GC.heap_info}, and the heap's peak over a stretch from the
 * process's GC log (the heap is fullest just before a collection, which the log states as
 * {@code 180M->40M(256M)}).
 */
final class ProcessMemory {

    private static final Pattern GC = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");
    private static final Pattern USED = Pattern.compile("used (\\d+)K");

    private final long pid;
    private final Path gcLog;

    ProcessMemory(long pid, Path gcLog) {
        this.pid = pid;
        this.gcLog = gcLog;
    }

    /** {@code VmRSS} (now) or {@code VmHWM} (the peak) in MB; NaN when /proc cannot be read. */
    double statusMb(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith(key + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }

    /** The heap in use now, in MB, as {@code jcmd GC.heap_info} reports it (first "used" figure). */
    double heapUsedMb() {
        try {
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    String.valueOf(pid), "GC.heap_info").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(30, TimeUnit.SECONDS);
            Matcher m = USED.matcher(out);
            return m.find() ? Long.parseLong(m.group(1)) / 1024.0 : Double.NaN;
        } catch (IOException e) {
            return Double.NaN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Double.NaN;
        }
    }

    /** Where the GC log ends now: the start of a stretch for {@link #peakHeapMbSince}. */
    long gcLogPosition() {
        try {
            return Files.size(gcLog);
        } catch (IOException e) {
            return 0;
        }
    }

    /** The largest heap before a collection logged after {@code position}, or the heap in use now if larger. */
    double peakHeapMbSince(long position) {
        double peak = heapUsedMb();
        try {
            byte[] all = Files.readAllBytes(gcLog);
            String tail = new String(all, (int) Math.min(position, all.length), (int) Math.max(0, all.length - position),
                    StandardCharsets.UTF_8);
            Matcher m = GC.matcher(tail);
            while (m.find()) {
                peak = Double.isNaN(peak) ? Long.parseLong(m.group(1)) : Math.max(peak, Long.parseLong(m.group(1)));
            }
        } catch (IOException e) {
            return peak;
        }
        return peak;
    }
}
