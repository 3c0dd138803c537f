package dev.retinaj.util;

/**
 * An error caused by the user's input (a bad file, a missing argument): printed as one line,
 * without a stack trace, with exit code 2 for usage problems and 1 otherwise.
 */
public class UserError extends RuntimeException {
    private final int exitCode;

    public UserError(String message) {
        this(message, 1);
    }

    public UserError(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public UserError(String message, Throwable cause) {
        super(message, cause);
        this.exitCode = 1;
    }

    public int exitCode() {
        return exitCode;
    }
}
