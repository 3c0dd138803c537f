package dev.retinaj.train;

import dev.retinaj.util.Interrupts;
import java.io.PrintStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hook: Ctrl-C (SIGINT) or SIGTERM during training lets the current step finish, has it checkpointed
 * (the hook runs before the checkpoint hook) and ends the run with {@link TrainingInterrupted}, so that
 * the data-loader workers, the hooks, the trainer and the model are closed in order on the way out.
 * The signals are handled by {@link Interrupts} (installed by the command, or here when the runner is
 * used as a library), which hands them to this hook for the loop; a second signal halts at once, and
 * the previous checkpoint is intact because checkpoints are written to a temporary folder and renamed.
 */
final class InterruptHook implements TrainHook {
    private static final Logger LOG = LoggerFactory.getLogger(InterruptHook.class);

    private boolean installedHere;
    private volatile String signal;

    @Override
    public void beforeTrain(TrainState s) {
        installedHere = Interrupts.install("training");
        PrintStream err = System.err;
        Interrupts.handOver(name -> {
            signal = name;
            err.println("retinaj: " + name + ": finishing this step and writing a checkpoint (again to quit at once)");
            err.flush();
        });
        Interrupts.phase("training");
    }

    /** True once a signal has arrived. */
    boolean interrupted() {
        return signal != null;
    }

    @Override
    public void afterStep(TrainState s) {
        if (interrupted()) {
            s.requestStop();
        }
    }

    /** After the loop: an interrupted, unfinished run ends here, before result.json would mark it complete. */
    void throwIfInterrupted(TrainState s) {
        if (interrupted() && s.iteration() < s.maxIters()) {
            LOG.info("interrupted ({}) at iteration {}; checkpoint {}", signal, s.iteration(), s.checkpointedNow());
            throw new TrainingInterrupted(signal + ": stopped at iteration " + s.iteration()
                    + " with a checkpoint; resume with: retinaj train --resume " + s.run().root());
        }
    }

    @Override
    public void close() {
        Interrupts.takeBack();
        if (installedHere) {
            Interrupts.uninstall();
            installedHere = false;
        }
    }
}
