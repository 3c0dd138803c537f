package dev.retinaj.spark;

import dev.retinaj.config.ConfigException;
import dev.retinaj.util.RetinaJException;
import dev.retinaj.util.UsageException;
import java.io.PrintWriter;

/**
 * One line on stderr for a failed job, as the {@code retinaj} command prints them: the user's
 * mistakes (exit 2 for usage) without a stack trace, an unreadable image under
 * {@code --fail-on-bad-image} by its file, anything else by its message (exit 1).
 */
final class JobErrors {
    private static final String BAD_IMAGE = PartitionPredictor.BadImageException.class.getName() + ": ";

    private JobErrors() {
    }

    static int report(Exception e, PrintWriter err) {
        int code = 1;
        String line = null;
        for (Throwable t = e; t != null && line == null; t = t.getCause()) {
            if (t instanceof RetinaJException) {
                line = t.getMessage();
                code = t instanceof UsageException ? 2 : 1;
            } else if (t instanceof ConfigException) {
                line = t.getMessage();
                code = 2;
            } else if (t instanceof PartitionPredictor.BadImageException) {
                line = t.getMessage();
            }
        }
        if (line == null) {
            String msg = String.valueOf(e.getMessage());
            int at = msg.indexOf(BAD_IMAGE);
            line = at >= 0 ? msg.substring(at + BAD_IMAGE.length()) : e.getClass().getSimpleName() + ": " + msg;
        }
        int nl = line.indexOf('\n');
        err.println("retinaj-spark: " + (nl < 0 ? line : line.substring(0, nl)));
        err.flush();
        return code;
    }
}
