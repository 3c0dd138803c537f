package dev.retinaj.train;

import dev.retinaj.util.RetinaJException;

/** Training stopped on SIGINT/SIGTERM after a checkpoint of its last step; the command exits with 130. */
public final class TrainingInterrupted extends RetinaJException {
    public static final int EXIT_CODE = 130;

    public TrainingInterrupted(String message) {
        super(message);
    }
}
