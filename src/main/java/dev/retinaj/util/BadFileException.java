package dev.retinaj.util;

/** A file or folder the user named (or a run holds) is missing or cannot be read or used. */
public class BadFileException extends RetinaJException {
    public BadFileException(String message) {
        super(message);
    }

    public BadFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
