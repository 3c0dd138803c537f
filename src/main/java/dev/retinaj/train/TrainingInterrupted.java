package dev.retinaj.train;

import dev.retinaj.util.Interrupted;
import dev.retinaj.util.Interrupts;

/** Training stopped on SIGINT/SIGTERM after a checkpoint of its last step; the command exits with 130. */
public final class TrainingInterrupted extends Interrupted {
    public static final int EXIT_CODE = Interrupts.EXIT_CODE;

    public TrainingInterrupted(String message) {
        super(message);
    }
}
