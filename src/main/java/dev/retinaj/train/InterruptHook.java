package dev.retinaj.train;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Hook: Ctrl-C (SIGINT) or SIGTERM during training lets the current step finish, has it checkpointed
 * (the hook runs before the checkpoint hook) and ends the run with {@link TrainingInterrupted}, so that
 * the data-loader workers, the hooks, the trainer and the model are closed in order on the way out.
 * The signal handler only sets a flag: no exit and no shutdown hook races libtorch's threads (the
 * JVM's default handler did, and could crash in libtorch). A second signal halts the JVM at once;
 * the previous checkpoint is intact because checkpoints are written to a temporary folder and renamed.
 */
final class InterruptHook implements TrainHook {
    private static final Logger LOG = LoggerFactory.getLogger(InterruptHook.class);
    private static final List<String> SIGNALS = List.of("INT", "TERM");

    private final List<Signal> installed = new ArrayList<>();
    private final List<SignalHandler> previous = new ArrayList<>();
    private volatile String signal;

    @Override
    public void beforeTrain(TrainState s) {
        PrintStream err = System.err;
        for (String name : SIGNALS) {
            Signal sig = new Signal(name);
            try {
                previous.add(Signal.handle(sig, got -> onSignal(got, err)));
                installed.add(sig);
            } catch (IllegalArgumentException e) {
                LOG.debug("SIG{} cannot be handled here: {}", name, e.getMessage());
            }
        }
    }

    private void onSignal(Signal got, PrintStream err) {
        if (signal != null) {
            err.println("retinaj: second SIG" + got.getName() + ": stopping at once; the previous checkpoint is intact");
            err.flush();
            Runtime.getRuntime().halt(TrainingInterrupted.EXIT_CODE);
        }
        signal = got.getName();
        err.println("retinaj: SIG" + signal + ": finishing this step and writing a checkpoint (again to quit at once)");
        err.flush();
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
            LOG.info("interrupted (SIG{}) at iteration {}; checkpoint {}", signal, s.iteration(), s.checkpointedNow());
            throw new TrainingInterrupted("SIG" + signal + ": stopped at iteration " + s.iteration()
                    + " with a checkpoint; resume with: retinaj train --resume " + s.run().root());
        }
    }

    @Override
    public void close() {
        for (int i = 0; i < installed.size(); i++) {
            Signal.handle(installed.get(i), previous.get(i));
        }
        installed.clear();
        previous.clear();
    }
}
