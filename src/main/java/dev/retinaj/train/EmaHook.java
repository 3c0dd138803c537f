package dev.retinaj.train;

import dev.retinaj.checkpoint.CheckpointStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hook for {@code train.ema}: keeps {@link EmaWeights} of the net, started at the initialised (or
 * from the resumed checkpoint's {@code ema.safetensors}), updated after each applied step (skipped
 * non-finite steps leave it alone). It wraps the evaluation hook (null: none) so that every
 * evaluation sees the EMA weights, writes {@code ema.safetensors} into each checkpoint before the
 * checkpoint is renamed into place, and at the end leaves the EMA weights in the net for the export.
 */
final class EmaHook implements TrainHook {
    private static final Logger LOG = LoggerFactory.getLogger(EmaHook.class);

    private final EvalHook eval;
    private EmaWeights ema;

    EmaHook(EvalHook eval) {
        this.eval = eval;
    }

    @Override
    public void beforeTrain(TrainState s) throws IOException {
        ema = EmaWeights.of(s.detector().net(), s.cfg().train().ema());
        if (s.iteration() > 0) {
            Optional<Path> ckpt = s.checkpoints().latest();
            Path file = ckpt.map(c -> c.resolve(EmaWeights.FILE)).orElse(null);
            if (file != null && Files.isRegularFile(file)) {
                ema.load(file);
            } else {
                LOG.warn("the resumed checkpoint has no {}; the EMA starts at its weights", EmaWeights.FILE);
            }
        }
        s.addCheckpointFile(dir -> ema.save(dir.resolve(EmaWeights.FILE)));
        if (eval != null) {
            eval.beforeTrain(s);
        }
    }

    @Override
    public void afterStep(TrainState s) throws IOException {
        if (s.step().applied()) {
            ema.update();
        }
        if (eval != null && EvalHook.due(s)) {
            ema.swapIn();
            try {
                eval.afterStep(s);
            } finally {
                ema.swapOut();
            }
        }
    }

    /** Leaves the EMA weights in the net: the final export is of them. */
    @Override
    public void afterTrain(TrainState s) {
        ema.swapIn();
    }

    @Override
    public void close() throws IOException {
        if (ema != null) {
            ema.close();
        }
    }
}
