package dev.retinaj.train;

import dev.retinaj.util.ProgressBar;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Hook: the progress bar on the console, with the losses and learning rate of each step. */
final class ProgressHook implements TrainHook {
    private static final Logger LOG = LoggerFactory.getLogger(ProgressHook.class);
    private ProgressBar bar;
    private boolean closed;

    @Override
    public void beforeTrain(TrainState s) {
        bar = new ProgressBar("train", s.maxIters()).logEvery(s.cfg().train().logPeriod());
        bar.jumpTo(s.iteration());
        s.progress(bar);
    }

    @Override
    public void afterStep(TrainState s) {
        StepResult.Losses l = s.step().losses();
        String losses = String.format(Locale.ROOT, "loss %.4f cls %.4f box %.4f lr %.2g", l.total(), l.cls(), l.box(),
                s.step().lr());
        bar.step(1, losses);
        if (s.lastIteration()) {
            // the finished bar stays above the last evaluation and the summary rather than after them
            bar.close();
            closed = true;
        }
        if (s.iteration() % s.cfg().train().logPeriod() == 0 || s.lastIteration()) {
            LOG.info("iteration {}/{}: {}, {}", s.iteration(), s.maxIters(), losses, bar.timing());
        }
    }

    @Override
    public void close() {
        if (bar != null && !closed) {
            bar.close();
        }
    }
}
