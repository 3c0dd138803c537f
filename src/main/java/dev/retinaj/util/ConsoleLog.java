package dev.retinaj.util;

/**
 * Keeps console log lines off the progress bar. The bar ({@link ProgressBar}) leaves the cursor at the
 * end of its line, so a log line printed then would start there and wrap ("... lr 0.000101" then
 * "7:49:32 INFO ..."). On a terminal every console log line therefore starts with a carriage return
 * and erase-line, which clears the bar first; the bar redraws below at its next step. log4j2.xml reads
 * the prefix from the system property {@link #PROPERTY}, so it must be set before the first logger.
 */
public final class ConsoleLog {
    public static final String PROPERTY = "retinaj.console.prefix";
    /** Carriage return, then ANSI "erase to end of line". */
    public static final String ERASE_LINE = "\r\u001b[K";

    private ConsoleLog() {}

    /** The console line prefix: the erase sequence on a terminal (where the bar redraws), else none. */
    public static String prefix(boolean tty) {
        return tty ? ERASE_LINE : "";
    }

    /** Sets the prefix for this process's console log unless the caller set one. */
    public static void install(boolean tty) {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, prefix(tty));
        }
    }
}
