package dev.retinaj.train;

import dev.retinaj.util.RetinaJException;

/** Training stopped because too many steps in a row had a non-finite loss or gradient. */
public final class TrainingDiverged extends RetinaJException {
    public TrainingDiverged(String message) {
        super(message);
    }
}
