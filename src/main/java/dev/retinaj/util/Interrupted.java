package dev.retinaj.util;

/**
 * A command stopped by SIGINT/SIGTERM; it exits with {@link Interrupts#EXIT_CODE}. {@link #reported()}:
 * the signal handler has printed the one line already, so nothing more is printed.
 */
public class Interrupted extends RetinaJException {
    private final boolean reported;

    public Interrupted(String message) {
        this(message, false);
    }

    Interrupted(String message, boolean reported) {
        super(message);
        this.reported = reported;
    }

    public boolean reported() {
        return reported;
    }
}
