package dev.retinaj.train;

import dev.retinaj.util.NativeResources;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hook: a row of {@code metrics.jsonl} at iteration 1, every {@code train.log_period} and at the
 * last iteration: learning rate, losses, positives, gradient norm, mean seconds per iteration and
 * waiting for data since the last row, whether the step was skipped, and the live NDArrays.
 */
final class MetricsHook implements TrainHook {
    private static final Logger LOG = LoggerFactory.getLogger(MetricsHook.class);

    private double windowSecs;
    private double windowData;
    private int windowIters;

    @Override
    public void afterStep(TrainState s) {
        StepResult r = s.step();
        windowSecs += r.seconds().data() + r.seconds().compute();
        windowData += r.seconds().data();
        windowIters++;
        if (!due(s)) {
            return;
        }
        long iter = s.iteration();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("iter", iter);
        row.put("lr", r.lr());
        row.put("loss", r.losses().total());
        row.put("loss_cls", r.losses().cls());
        row.put("loss_box", r.losses().box());
        row.put("num_pos", r.losses().numPos());
        row.put("grad_norm", r.gradNorm());
        row.put("sec_per_iter", windowSecs / windowIters);
        row.put("data_sec", windowData / windowIters);
        row.put("skipped", !r.applied());
        row.put("nd_arrays", NativeResources.count(
                s.detector().net().getParameters().valueAt(0).getArray().getManager()));
        s.metrics().write(row);
        LOG.debug("iter {} {}", iter, row);
        windowSecs = 0;
        windowData = 0;
        windowIters = 0;
    }

    /** Whether this iteration is logged: the first, every {@code train.log_period} and the last. */
    static boolean due(TrainState s) {
        long iter = s.iteration();
        return iter == 1 || iter % s.cfg().train().logPeriod() == 0 || s.lastIteration();
    }
}
