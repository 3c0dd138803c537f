package dev.retinaj.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * This process's memory and page-fault counters from Linux's /proc (zeros elsewhere): what a
 * benchmark prints next to its times, because native tensors never show in the Java heap.
 */
public record ProcessStats(long rssBytes, long peakRssBytes, long minorFaults, long majorFaults) {
    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path STAT = Path.of("/proc/self/stat");
    private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

    /** Now. */
    public static ProcessStats read() {
        long rss = 0;
        long peak = 0;
        long minor = 0;
        long major = 0;
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmRSS:")) {
                    rss = kib(line);
                } else if (line.startsWith("VmHWM:")) {
                    peak = kib(line);
                }
            }
            String stat = Files.readString(STAT);
            // fields after the parenthesised command name: state is field 3, minflt 10, majflt 12
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            minor = Long.parseLong(f[7]);
            major = Long.parseLong(f[9]);
        } catch (IOException | RuntimeException e) {
            return new ProcessStats(0, 0, 0, 0);
        }
        return new ProcessStats(rss, peak, minor, major);
    }

    /**
     * Starts a new peak: the kernel's high-water mark is reset to the current RSS (writes 5 to
     * /proc/self/clear_refs). Returns false where that is not possible; the peak then counts from
     * process start.
     */
    public static boolean resetPeak() {
        try {
            Files.writeString(CLEAR_REFS, "5");
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    public long faults() {
        return minorFaults + majorFaults;
    }

    /** Counters accumulated since {@code start} (RSS and peak as now). */
    public ProcessStats since(ProcessStats start) {
        return new ProcessStats(rssBytes, peakRssBytes, minorFaults - start.minorFaults, majorFaults - start.majorFaults);
    }

    public static String gib(long bytes) {
        return String.format(Locale.ROOT, "%.2f GiB", bytes / (double) (1L << 30));
    }

    private static long kib(String line) {
        String[] parts = line.trim().split("\\s+");
        return Long.parseLong(parts[1]) * 1024;
    }
}
