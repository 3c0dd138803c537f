package dev.retinaj.util;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** The terminal's width in columns: $COLUMNS, else what {@code stty size} says of /dev/tty, else 80. */
public final class TerminalWidth {
    public static final int DEFAULT = 80;

    private TerminalWidth() {}

    public static int detect() {
        Integer fromEnv = parse(System.getenv("COLUMNS"));
        if (fromEnv != null) {
            return fromEnv;
        }
        Integer fromStty = stty();
        return fromStty != null ? fromStty : DEFAULT;
    }

    /** A positive column count, or null. */
    static Integer parse(String columns) {
        if (columns == null) {
            return null;
        }
        try {
            int c = Integer.parseInt(columns.trim());
            return c > 0 ? c : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The second number of "rows cols" from {@code stty size}, or null without a terminal. */
    static Integer fromSttyOutput(String out) {
        String[] parts = out.trim().split("\\s+");
        return parts.length == 2 ? parse(parts[1]) : null;
    }

    private static Integer stty() {
        try {
            Process p = new ProcessBuilder("sh", "-c", "stty size < /dev/tty").redirectErrorStream(false).start();
            if (!p.waitFor(2, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            return p.exitValue() == 0 ? fromSttyOutput(out) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
