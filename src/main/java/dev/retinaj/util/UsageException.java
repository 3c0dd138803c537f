package dev.retinaj.util;

/** A command, option or argument used wrongly (a value out of range, options that do not go together). */
public class UsageException extends RetinaJException {
    public UsageException(String message) {
        super(message);
    }
}
