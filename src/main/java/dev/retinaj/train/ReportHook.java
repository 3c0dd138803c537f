package dev.retinaj.train;

import dev.retinaj.report.ReportWriter;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hook: rewrites {@code RUN_DIR/report.html} after each evaluation (after the checkpoint and curves
 * of that step). A report that cannot be written costs one WARN line, never the run.
 */
final class ReportHook implements TrainHook {
    private static final Logger LOG = LoggerFactory.getLogger(ReportHook.class);

    @Override
    public void afterStep(TrainState s) {
        if (!EvalHook.due(s) || s.lastEval().isEmpty()) {
            return;
        }
        try {
            ReportWriter.write(s.run().root(), null);
        } catch (IOException | RuntimeException e) {
            LOG.warn("iteration {}: report.html not written ({})", s.iteration(), e.getMessage());
        }
    }
}
