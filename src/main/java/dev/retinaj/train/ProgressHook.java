package dev.retinaj.train;

import dev.retinaj.util.ProgressBar;
import java.util.Locale;

/** Hook: the progress bar on the console, with the losses and learning rate of each step. */
final class ProgressHook implements TrainHook {
    private ProgressBar bar;

    @Override
    public void beforeTrain(TrainState s) {
        bar = new ProgressBar("train", s.maxIters());
        bar.jumpTo(s.iteration());
    }

    @Override
    public void afterStep(TrainState s) {
        StepResult.Losses l = s.step().losses();
        bar.step(1, String.format(Locale.ROOT, "loss %.4f cls %.4f box %.4f lr %.2g", l.total(), l.cls(), l.box(),
                s.step().lr()));
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
