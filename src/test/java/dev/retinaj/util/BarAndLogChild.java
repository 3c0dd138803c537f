package dev.retinaj.util;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A child process for {@link ConsoleLogTest}: a progress bar and a log line in between, as training has. */
public final class BarAndLogChild {
    private BarAndLogChild() {}

    public static void main(String[] args) throws InterruptedException {
        ConsoleLog.install(System.console() != null); // as Main.main does
        Logger log = LoggerFactory.getLogger(BarAndLogChild.class);
        try (ProgressBar bar = new ProgressBar("train", 3)) {
            Thread.sleep(150); // the bar redraws at most ten times a second
            bar.step(1, "loss 1.0000");
            log.info("iteration 1/3: loss 1.0000");
            Thread.sleep(150);
            bar.step(1, "loss 0.5000");
            Thread.sleep(150);
            bar.step(1, "loss 0.2500");
        }
    }
}
