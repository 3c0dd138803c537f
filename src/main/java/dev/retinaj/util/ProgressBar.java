package dev.retinaj.util;

import java.io.PrintStream;
import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A one-line progress bar on stderr with rate and ETA. On a terminal it redraws in place (at most ten
 * times a second) and fits the terminal's width ({@link TerminalWidth}): the bar shrinks, then the
 * status is cut. Otherwise (logs, CI, redirected output) it prints plain lines: every
 * {@link #logEvery} steps when set, else at every 10% and at least every 30 s. Time between
 * {@link #pause()} and {@link #resume()} (an evaluation, say) counts in neither the rate nor the ETA.
 */
public final class ProgressBar implements AutoCloseable {
    static final int MIN_BAR = 10;
    static final int MAX_BAR = 28;

    private final String label;
    private final long total;
    private final PrintStream out;
    private final boolean tty;
    private final int columns;
    private final LongSupplier clock;
    private final long start;
    private long done;
    private long doneAtStart;
    private long lastDraw;
    private int lastDecile = -1;
    private long logEvery;
    private long pausedNanos;
    private long pausedAt = -1;
    private String status = "";

    public ProgressBar(String label, long total) {
        this(label, total, System.err, System.console() != null);
    }

    public ProgressBar(String label, long total, PrintStream out, boolean tty) {
        this(label, total, out, tty, tty ? TerminalWidth.detect() : Integer.MAX_VALUE, System::nanoTime);
    }

    /** For tests: a fixed width ({@code Integer.MAX_VALUE}: unlimited) and clock. */
    ProgressBar(String label, long total, PrintStream out, boolean tty, int columns, LongSupplier clock) {
        this.label = label;
        this.total = Math.max(total, 0);
        this.out = out;
        this.tty = tty;
        this.columns = columns;
        this.clock = clock;
        this.start = clock.getAsLong();
        this.lastDraw = start;
    }

    /** Without a terminal, a line every {@code period} steps (e.g. {@code train.log_period}); 0 = by decile. */
    public synchronized ProgressBar logEvery(long period) {
        this.logEvery = Math.max(0, period);
        return this;
    }

    /** Marks {@code n} more units done; {@code status} (losses, say) is shown after the ETA. */
    public synchronized void step(long n, String status) {
        done = Math.min(total, done + n);
        if (status != null) {
            this.status = status;
        }
        long now = clock.getAsLong();
        if (tty) {
            if (now - lastDraw > 100_000_000L || done == total) {
                lastDraw = now;
                out.print("\r" + line(now) + "\u001b[K");
                out.flush();
            }
        } else if (plainLineDue(now)) {
            lastDraw = now;
            out.println(line(now));
        }
    }

    private boolean plainLineDue(long now) {
        if (logEvery > 0) {
            return done % logEvery == 0 || done == total;
        }
        int decile = total == 0 ? 10 : (int) (done * 10 / total);
        boolean due = decile != lastDecile || now - lastDraw > 30_000_000_000L;
        lastDecile = decile;
        return due;
    }

    public void step(String status) {
        step(1, status);
    }

    /** Sets the number done (e.g. when resuming); the rate counts only steps after this. */
    public synchronized void jumpTo(long n) {
        done = Math.min(total, n);
        doneAtStart = done;
    }

    public synchronized long done() {
        return done;
    }

    /** Stops the clock of rate and ETA until {@link #resume()}; a second pause is ignored. */
    public synchronized void pause() {
        if (pausedAt < 0) {
            pausedAt = clock.getAsLong();
        }
    }

    public synchronized void resume() {
        if (pausedAt >= 0) {
            pausedNanos += clock.getAsLong() - pausedAt;
            pausedAt = -1;
        }
    }

    /** Runs {@code work} with the clock paused: {@code T r = bar.excluding(() -> evaluate())}. */
    public <T> T excluding(Supplier<T> work) {
        pause();
        try {
            return work.get();
        } finally {
            resume();
        }
    }

    /** Seconds of work so far: wall time since the start less the paused time. */
    synchronized double activeSeconds(long now) {
        long paused = pausedNanos + (pausedAt >= 0 ? now - pausedAt : 0);
        return Math.max(0, now - start - paused) / 1e9;
    }

    /** "0.420 s/it eta 1m10s" for a log line: seconds per step and time left, pauses left out. */
    public synchronized String timing() {
        long counted = done - doneAtStart;
        double spi = counted > 0 ? activeSeconds(clock.getAsLong()) / counted : 0;
        String eta = counted > 0 && done < total ? format(Duration.ofSeconds((long) ((total - done) * spi))) : "--";
        return String.format(java.util.Locale.ROOT, "%.3f s/it eta %s", spi, eta);
    }

    synchronized String line(long now) {
        double secs = activeSeconds(now);
        double frac = total == 0 ? 1 : (double) done / total;
        long counted = done - doneAtStart;
        double rate = secs > 0 ? counted / secs : 0;
        String eta = rate > 0 && done < total ? format(Duration.ofSeconds((long) ((total - done) / rate))) : "--";
        String rateText = rate >= 1 || rate == 0 ? String.format("%.1f it/s", rate) : String.format("%.2f s/it", 1 / rate);
        String counts = String.format(" %d/%d %3.0f%% %s eta %s elapsed %s", done, total, frac * 100, rateText, eta,
                format(Duration.ofSeconds((long) ((now - start) / 1e9))));
        return fit(label, frac, counts, status, columns);
    }

    /**
     * "label [###...] counts status" in at most {@code columns - 1} characters (a line as wide as the
     * terminal wraps on some): the bar shrinks from 28 to 10 cells, then the status is cut.
     */
    static String fit(String label, double frac, String counts, String status, int columns) {
        String tail = status.isEmpty() ? "" : " " + status;
        int room = columns == Integer.MAX_VALUE ? Integer.MAX_VALUE : columns - 1;
        int fixed = label.length() + 3 + counts.length();
        int bar = (int) Math.max(MIN_BAR, Math.min(MAX_BAR, (long) room - fixed - tail.length()));
        int filled = (int) Math.round(frac * bar);
        String line = label + " [" + "#".repeat(filled) + ".".repeat(bar - filled) + "]" + counts + tail;
        return line.length() <= room ? line : line.substring(0, Math.max(0, room));
    }

    static String format(Duration d) {
        long s = d.getSeconds();
        return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format("%d:%02d", s / 60, s % 60);
    }

    @Override
    public synchronized void close() {
        if (tty) {
            out.print("\r" + line(clock.getAsLong()) + "\u001b[K\n");
        } else if (done != total || (logEvery == 0 && lastDecile != 10)) {
            out.println(line(clock.getAsLong()));
        }
        out.flush();
    }
}
