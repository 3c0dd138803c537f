package dev.retinaj.train;

/**
 * Dynamic loss scaling for fp16 training (as torch.cuda.amp.GradScaler): the loss is multiplied by
 * {@code scale} before backward so small fp16 gradients do not flush to zero, and the optimizer
 * divides them back. A step whose gradients overflow is skipped and halves the scale; every
 * {@code interval} good steps double it. Powers of two only, so scaling and unscaling are exact.
 * Off (scale 1, never changes) for fp32 and bf16, whose exponent range is fp32's.
 */
public final class LossScaler {
    static final double INITIAL = 65536;
    static final int INTERVAL = 2000;

    private final boolean dynamic;
    private double scale;
    private int goodSteps;

    private LossScaler(boolean dynamic, double scale) {
        this.dynamic = dynamic;
        this.scale = scale;
    }

    public static LossScaler off() {
        return new LossScaler(false, 1);
    }

    public static LossScaler dynamic() {
        return new LossScaler(true, INITIAL);
    }

    public static LossScaler forPrecision(dev.retinaj.config.Precision p) {
        return p == dev.retinaj.config.Precision.FP16 ? dynamic() : off();
    }

    public boolean isDynamic() {
        return dynamic;
    }

    public double scale() {
        return scale;
    }

    int goodSteps() {
        return goodSteps;
    }

    /** After a step: finite gradients count towards growth, an overflow halves the scale (never below 1). */
    void update(boolean finite) {
        if (!dynamic) {
            return;
        }
        if (!finite) {
            scale = Math.max(1, scale / 2);
            goodSteps = 0;
        } else if (++goodSteps == INTERVAL) {
            scale *= 2;
            goodSteps = 0;
        }
    }

    /** True when a non-finite gradient is the scaler's to handle (lower the scale and retry), not a divergence. */
    boolean absorbs(boolean finite) {
        return dynamic && !finite && scale > 1;
    }

    void restore(double scale, int goodSteps) {
        this.scale = scale;
        this.goodSteps = goodSteps;
    }
}
