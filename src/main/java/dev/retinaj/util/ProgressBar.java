package dev.retinaj.util;

import java.io.PrintStream;
import java.time.Duration;

/**
 * A one-line progress bar on stderr with rate and ETA. On a terminal it redraws in place (at most
 * ten times a second); otherwise (logs, CI) it prints a line at every 10% and at least every 30 s.
 */
public final class ProgressBar implements AutoCloseable {
    private static final int WIDTH = 28;

    private final String label;
    private final long total;
    private final PrintStream out;
    private final boolean tty;
    private final long start = System.nanoTime();
    private long done;
    private long lastDraw;
    private int lastDecile = -1;
    private String status = "";

    public ProgressBar(String label, long total) {
        this(label, total, System.err, System.console() != null);
    }

    public ProgressBar(String label, long total, PrintStream out, boolean tty) {
        this.label = label;
        this.total = Math.max(total, 0);
        this.out = out;
        this.tty = tty;
        this.lastDraw = start;
    }

    /** Marks {@code n} more units done; {@code status} (losses, say) is shown after the ETA. */
    public synchronized void step(long n, String status) {
        done = Math.min(total, done + n);
        if (status != null) {
            this.status = status;
        }
        long now = System.nanoTime();
        if (tty) {
            if (now - lastDraw > 100_000_000L || done == total) {
                lastDraw = now;
                out.print("\r" + line(now) + "\u001b[K");
                out.flush();
            }
        } else {
            int decile = total == 0 ? 10 : (int) (done * 10 / total);
            if (decile != lastDecile || now - lastDraw > 30_000_000_000L) {
                lastDecile = decile;
                lastDraw = now;
                out.println(line(now));
            }
        }
    }

    public void step(String status) {
        step(1, status);
    }

    /** Sets the number done (e.g. when resuming). */
    public synchronized void jumpTo(long n) {
        done = Math.min(total, n);
    }

    public synchronized long done() {
        return done;
    }

    synchronized String line(long now) {
        double secs = (now - start) / 1e9;
        double frac = total == 0 ? 1 : (double) done / total;
        int filled = (int) Math.round(frac * WIDTH);
        double rate = secs > 0 ? done / secs : 0;
        String eta = rate > 0 && done < total ? format(Duration.ofSeconds((long) ((total - done) / rate))) : "--";
        String rateText = rate >= 1 || rate == 0 ? String.format("%.1f it/s", rate) : String.format("%.2f s/it", 1 / rate);
        return String.format("%s [%s%s] %d/%d %3.0f%% %s eta %s elapsed %s%s", label, "#".repeat(filled),
                ".".repeat(WIDTH - filled), done, total, frac * 100, rateText, eta,
                format(Duration.ofSeconds((long) secs)), status.isEmpty() ? "" : " " + status);
    }

    static String format(Duration d) {
        long s = d.getSeconds();
        return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format("%d:%02d", s / 60, s % 60);
    }

    @Override
    public synchronized void close() {
        if (tty) {
            out.print("\r" + line(System.nanoTime()) + "\u001b[K\n");
        } else if (lastDecile != 10) {
            out.println(line(System.nanoTime()));
        }
        out.flush();
    }
}
