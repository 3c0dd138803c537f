package dev.retinaj.train;

import java.io.Closeable;
import java.io.IOException;

/**
 * Something done around the training steps, in the manner of detectron2's hooks: the loop in
 * {@link TrainRunner} runs the step and calls every hook, in order, with the {@link TrainState}.
 * A hook reads the state and may ask for a checkpoint or for the run to stop; it never changes
 * the loop. Hooks are called in the order given; {@link #close} is called on every hook, last,
 * also when the run failed.
 */
public interface TrainHook extends Closeable {
    /** Once, before the first iteration still to run ({@code s.iteration()} is the resumed one, or 0). */
    default void beforeTrain(TrainState s) throws IOException {}

    /** Before each step; {@code s.iteration()} is the iteration about to run. */
    default void beforeStep(TrainState s) throws IOException {}

    /** After each step; {@code s.step()} is what it did. */
    default void afterStep(TrainState s) throws IOException {}

    /** Once, after the last iteration of a run that finished (not after a failure). */
    default void afterTrain(TrainState s) throws IOException {}

    /** Releases what the hook holds. */
    @Override
    default void close() throws IOException {}
}
