package dev.retinaj.train;

import dev.retinaj.checkpoint.CheckpointStore;
import dev.retinaj.config.RetinaConfig;
import dev.retinaj.data.LoadedSplit;
import dev.retinaj.eval.Metrics;
import dev.retinaj.infer.InferenceRunner;
import dev.retinaj.infer.SplitEvaluation;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hook: evaluates the trainer's weights on {@code data.val} every {@code train.eval_period}
 * iterations and at the last one (which also writes {@code RUN_DIR/eval/} and prints the tables),
 * logs the headline metrics to {@code metrics.jsonl}, and tracks the best model: an evaluation
 * that beats the best so far (on AP, else mAP) names this iteration's checkpoint, which it asks for.
 */
final class EvalHook implements TrainHook {
    private static final Logger LOG = LoggerFactory.getLogger(EvalHook.class);

    private final SplitEvaluation evaluation;
    private InferenceRunner runner;

    EvalHook(LoadedSplit val, RetinaConfig cfg) {
        this.evaluation = new SplitEvaluation(val, cfg, cfg.data().val());
    }

    @Override
    public void beforeTrain(TrainState s) {
        runner = new InferenceRunner(s.detector(), s.trainer()::evaluate, s.trainer().getManager());
    }

    @Override
    public void afterStep(TrainState s) throws IOException {
        if (due(s)) {
            evaluate(s, s.lastIteration());
        }
    }

    /** Whether this iteration evaluates: every {@code train.eval_period} and the last. */
    static boolean due(TrainState s) {
        int period = s.cfg().train().evalPeriod();
        return s.lastIteration() || (period > 0 && s.iteration() % period == 0);
    }

    /**
     * Evaluates the net's current weights and writes {@code eval/} (the run report reads it);
     * {@code last}: also prints the tables.
     */
    void evaluate(TrainState s, boolean last) throws IOException {
        Map<String, Double> m = run(s, last);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("iter", s.iteration());
        row.put("eval", true);
        row.putAll(m);
        s.metrics().write(row);
        LOG.info("iteration {}: {}", s.iteration(), describe(m));
        String key = m.containsKey("AP") ? "AP" : "mAP";
        Double v = m.get(key);
        boolean better = v != null && (s.best() == null || v > s.best().value());
        s.evaluated(m, better ? new CheckpointStore.Best(CheckpointStore.dirName(s.iteration()), key, v, s.iteration())
                : null);
    }

    /**
     * The final evaluation of the best checkpoint's weights after early stopping: {@code eval/}, the
     * tables and {@link TrainState#lastEval}, but no metrics.jsonl row (its iteration has one already).
     */
    void evaluateBest(TrainState s) throws IOException {
        Map<String, Double> m = run(s, true);
        LOG.info("best checkpoint {}: {}", s.best().checkpoint(), describe(m));
        s.evaluated(m, null);
        s.markBestReevaluated();
    }

    private Map<String, Double> run(TrainState s, boolean last) throws IOException {
        long iter = s.iteration();
        if (s.progress() != null) {
            s.progress().pause(); // the ETA leaves evaluations out
        }
        SplitEvaluation.Outcome o;
        try {
            o = evaluation.run(runner, s.cfg().eval().metric(), "eval @" + iter);
        } finally {
            if (s.progress() != null) {
                s.progress().resume();
            }
        }
        o.write(s.run().eval());
        if (last) {
            for (Map.Entry<String, Metrics> m : o.metrics().entrySet()) {
                // logged, not printed, so that train.log keeps the per-class tables too
                String table = m.getValue().toTable().stripTrailing();
                LOG.info("final evaluation ({}) at iteration {}:\n{}", m.getKey(), iter, table);
            }
        }
        s.lastClasses(o.classes());
        return o.headline();
    }

    static String describe(Map<String, Double> m) {
        return m.entrySet().stream().limit(6)
                .map(e -> e.getKey() + " " + String.format(Locale.ROOT, "%.4f", e.getValue()))
                .collect(Collectors.joining(", "));
    }
}
