package dev.retinaj.train;

import dev.retinaj.config.TrainConfig;

/**
 * The learning rate as a pure function of the 1-based iteration: linear warmup from
 * {@code factor × lr} (detectron2's WarmupMultiStepLR / WarmupCosineLR), then multistep or cosine.
 * Being a pure function is what lets a resumed run continue with exactly the same rates.
 */
public final class LrSchedule {
    private final TrainConfig cfg;

    public LrSchedule(TrainConfig cfg) {
        this.cfg = cfg;
    }

    public double lrAt(long iter) {
        double base = cfg.lr() * decay(iter);
        int warm = cfg.warmup().iters();
        if (iter < warm) {
            double alpha = (double) iter / warm;
            return base * (cfg.warmup().factor() * (1 - alpha) + alpha);
        }
        return base;
    }

    private double decay(long iter) {
        TrainConfig.ScheduleConfig s = cfg.schedule();
        if (s.type() == TrainConfig.ScheduleType.COSINE) {
            double t = Math.min(1.0, (double) iter / cfg.maxIters());
            return s.minLrFactor() + (1 - s.minLrFactor()) * 0.5 * (1 + Math.cos(Math.PI * t));
        }
        int passed = 0;
        for (int step : s.steps()) {
            if (iter >= step) {
                passed++;
            }
        }
        return Math.pow(s.gamma(), passed);
    }
}
