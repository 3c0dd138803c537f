package dev.retinaj.train;

import dev.retinaj.report.ReportWriter;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hook: rewrites {@code RUN_DIR/report.html} after each evaluation before the last iteration (after
 * the checkpoint and curves of that step). The final report, which shows the run as finished, is
 * written by {@link #finalReport} once result.json exists (it also covers early stopping's evaluation
 * of the best checkpoint). A report that cannot be written costs one WARN line, never the run.
 */
final class ReportHook implements TrainHook {
    private static final Logger LOG = LoggerFactory.getLogger(ReportHook.class);

    @Override
    public void afterStep(TrainState s) {
        if (EvalHook.due(s) && !s.lastEval().isEmpty() && !s.lastIteration()) {
            if (s.progress() == null) {
                write(s.run(), s.iteration());
            } else {
                // part of the evaluation, whose time the ETA leaves out (a few seconds per report)
                s.progress().excluding(() -> {
                    write(s.run(), s.iteration());
                    return null;
                });
            }
        }
    }

    /** After result.json is written: the report of the finished run, if it was ever evaluated. */
    static void finalReport(TrainState s) {
        if (!s.lastEval().isEmpty()) {
            write(s.run(), s.iteration());
        }
    }

    private static void write(RunDirectory run, long iteration) {
        try {
            ReportWriter.write(run.root(), null);
        } catch (IOException | RuntimeException e) {
            LOG.warn("iteration {}: report.html not written ({})", iteration, e.getMessage());
        }
    }
}
