package dev.retinaj.train;

import dev.retinaj.checkpoint.CheckpointMeta;
import dev.retinaj.checkpoint.CheckpointStore;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import dev.retinaj.config.ConfigWriter;
import dev.retinaj.config.RetinaConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Hook: writes a checkpoint every {@code train.checkpoint_period} iterations, at the last one and
 * whenever another hook asks (an evaluation does) or stops the run; then records the best checkpoint an evaluation
 * of this iteration found, once the checkpoint it names exists.
 */
final class CheckpointHook implements TrainHook {
    @Override
    public void afterStep(TrainState s) throws IOException {
        int period = s.cfg().train().checkpointPeriod();
        boolean due = s.lastIteration() || s.checkpointRequested() || s.stopRequested()
                || (period > 0 && s.iteration() % period == 0);
        if (!due) {
            return;
        }
        RetinaConfig cfg = s.cfg();
        CheckpointStore.Best best = s.best();
        Path saved;
        try (NDManager scratch = NDManager.newBaseManager(); NDList optimizerState = OptimizerState.save(s.optimizer(), scratch)) {
            saved = s.checkpoints().save(new CheckpointMeta(s.iteration(), ConfigWriter.hash(cfg), cfg.seed(),
                    s.detector().loss().emaState(), best, Instant.now().toString(), ResumeCheck.intraOpThreads(),
                    s.earlyStopState()), s.detector().net(), optimizerState, s.checkpointFiles());
        }
        s.checkpointed(saved);
        if (s.newBest() != null) {
            s.checkpoints().markBest(s.newBest());
            s.bestRecorded(s.newBest());
        }
    }
}
