package dev.retinaj.train;

import dev.retinaj.checkpoint.CheckpointMeta;
import dev.retinaj.checkpoint.CheckpointStore;
import dev.retinaj.config.EarlyStopConfig;
import dev.retinaj.infer.WeightsSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hook for {@code train.early_stop}: after each periodic evaluation it asks {@link EarlyStop},
 * logs the decision, names the checkpoint of an improving evaluation the best (by its metric) and
 * keeps its count in the checkpoints' meta. When the count runs out it stops the run after this
 * iteration's checkpoint; at the end it loads the best checkpoint's exported weights and runs the
 * final evaluation on them, so that {@code eval/}, {@code result.json} and the export are the best
 * model's. Placed after the added hooks, so a test hook may stand in for the evaluation's metrics.
 */
final class EarlyStopHook implements TrainHook {
    private static final Logger LOG = LoggerFactory.getLogger(EarlyStopHook.class);

    private final EarlyStop rule;
    private final EvalHook eval;
    private boolean stopped;

    EarlyStopHook(EarlyStopConfig cfg, EvalHook eval) {
        this.rule = EarlyStop.of(cfg);
        this.eval = eval;
    }

    @Override
    public void beforeTrain(TrainState s) throws IOException {
        Optional<Path> ckpt = s.iteration() > 0 ? s.checkpoints().latest() : Optional.empty();
        CheckpointMeta.EarlyStopState saved = ckpt.map(c -> CheckpointStore.readMeta(c).earlyStop()).orElse(null);
        if (saved != null) {
            rule.restore(new EarlyStop.State(saved.best(), saved.bestIteration(), saved.sinceBest()));
            stopped = saved.sinceBest() >= s.cfg().train().earlyStop().patience();
            if (stopped) { // killed after the stopping checkpoint: finish as the run would have
                s.requestStop();
            }
        }
    }

    @Override
    public void afterStep(TrainState s) {
        if (!EvalHook.due(s)) {
            return;
        }
        long iter = s.iteration();
        EarlyStop.Decision d = rule.observe(iter, s.lastEval());
        LOG.info(d.message());
        String metric = rule.metric();
        s.evaluated(s.lastEval(), d.improved()
                ? new CheckpointStore.Best(CheckpointStore.dirName(iter), metric, s.lastEval().get(metric), iter) : null);
        record(s);
        if (d.stop() && !s.lastIteration()) {
            stopped = true;
            s.requestStop();
        }
    }

    private void record(TrainState s) {
        EarlyStop.State st = rule.state();
        s.earlyStopState(new CheckpointMeta.EarlyStopState(st.best(), st.bestIteration(), st.sinceBest()));
    }

    @Override
    public void afterTrain(TrainState s) throws IOException {
        if (!stopped || s.best() == null) {
            return;
        }
        Path best = s.run().checkpoints().resolve(s.best().checkpoint());
        LOG.info("early stop: evaluating and exporting the best checkpoint {} ({} {})", best.getFileName(),
                s.best().metric(), s.best().value());
        WeightsSource.resolve(best).loadInto(s.detector().net());
        eval.evaluateBest(s);
    }
}
