package dev.retinaj.train;

import dev.retinaj.report.ReportWriter;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hook: rewrites {@code RUN_DIR/report.html} after each evaluation (after the checkpoint and curves
 * of that step) and after early stopping's evaluation of the best checkpoint. A report that cannot
 * be written costs one WARN line, never the run.
 */
final class ReportHook implements TrainHook {
    private static final Logger LOG = LoggerFactory.getLogger(ReportHook.class);

    @Override
    public void afterStep(TrainState s) {
        if (EvalHook.due(s) && !s.lastEval().isEmpty()) {
            write(s);
        }
    }

    /** After early stopping, eval/ holds the best checkpoint's evaluation: the report shows it. */
    @Override
    public void afterTrain(TrainState s) {
        if (s.bestReevaluated()) {
            write(s);
        }
    }

    private static void write(TrainState s) {
        try {
            ReportWriter.write(s.run().root(), null);
        } catch (IOException | RuntimeException e) {
            LOG.warn("iteration {}: report.html not written ({})", s.iteration(), e.getMessage());
        }
    }
}
