package dev.retinaj.config;

import java.util.List;

/** {@code train.*}: optimiser, schedule, checkpoints, logging ({@code tensorboard}: event files in RUN_DIR/tb). */
public record TrainConfig(
        int batchSize,
        int maxIters,
        Optimizer optimizer,
        double lr,
        double momentum,
        double adamBeta2,
        double adamEps,
        double weightDecay,
        boolean weightDecayNormBias,
        WarmupConfig warmup,
        ScheduleConfig schedule,
        double clipGradNorm,
        int checkpointPeriod,
        int keepCheckpoints,
        int evalPeriod,
        int logPeriod,
        int maxNonFinite,
        EmaConfig ema,
        EarlyStopConfig earlyStop,
        boolean tensorboard) {

    public enum ScheduleType { MULTISTEP, COSINE }

    /** SGD with momentum (the paper's), or AdamW ({@code momentum} is its β1). */
    public enum Optimizer { SGD, ADAMW }

    public TrainConfig {
        Validate.atLeast("batch_size", batchSize, 1);
        Validate.atLeast("max_iters", maxIters, 1);
        Validate.atLeast("lr", lr, 0);
        Validate.range("momentum", momentum, 0, 1);
        Validate.range("adam_beta2", adamBeta2, 0, 1);
        Validate.atLeast("adam_eps", adamEps, 0);
        Validate.atLeast("weight_decay", weightDecay, 0);
        Validate.atLeast("clip_grad_norm", clipGradNorm, 0);
        Validate.atLeast("checkpoint_period", checkpointPeriod, 0);
        Validate.atLeast("keep_checkpoints", keepCheckpoints, 1);
        Validate.atLeast("eval_period", evalPeriod, 0);
        Validate.atLeast("log_period", logPeriod, 1);
        Validate.atLeast("max_non_finite", maxNonFinite, 1);
        if (earlyStop != null && earlyStop.enabled() && evalPeriod == 0) {
            throw ConfigException.field("early_stop.patience",
                    "counts evaluations, so it needs train.eval_period > 0 (it is 0: one evaluation at the end)");
        }
    }

    /** {@code train.warmup.*}: linear warmup from {@code factor × lr} over {@code iters}. */
    public record WarmupConfig(int iters, double factor) {
        public WarmupConfig {
            Validate.atLeast("iters", iters, 0);
            Validate.range("factor", factor, 0, 1);
        }
    }

    /**
     * {@code train.schedule.*}: multistep multiplies the LR by {@code gamma} at each of {@code steps};
     * cosine decays it to {@code min_lr_factor × lr} at {@code max_iters}.
     */
    public record ScheduleConfig(ScheduleType type, List<Integer> steps, double gamma, double minLrFactor) {
        public ScheduleConfig {
            steps = steps == null ? List.of() : List.copyOf(steps);
            Validate.range("gamma", gamma, 0, 1);
            Validate.range("min_lr_factor", minLrFactor, 0, 1);
        }
    }
}
