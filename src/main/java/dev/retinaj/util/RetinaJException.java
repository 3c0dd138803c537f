package dev.retinaj.util;

/**
 * An expected failure (bad input, a file that cannot be used, a run that cannot go on), reported as
 * its one-line message, which names the file, key or option and the problem. Below the command line
 * code throws the subclass that says what went wrong; only {@code cli/Main} turns them into exit codes.
 */
public class RetinaJException extends RuntimeException {
    public RetinaJException(String message) {
        super(message);
    }

    public RetinaJException(String message, Throwable cause) {
        super(message, cause);
    }
}
