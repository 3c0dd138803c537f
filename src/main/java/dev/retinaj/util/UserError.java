package dev.retinaj.util;

/**
 * An error caused by the user's input, carrying its own exit code (2 for usage problems, 1
 * otherwise). Older code throws it; new code throws {@link UsageException} or
 * {@link BadFileException} and leaves exit codes to {@code cli/Main}.
 */
public class UserError extends RetinaJException {
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
