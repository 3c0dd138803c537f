package dev.retinaj.config;

/**
 * {@code precision}: the number format of the convolutions. fp32 everywhere; or mixed precision,
 * where bf16 / fp16 convolutions run on fp32 master weights and the losses, norms' statistics,
 * reductions and the optimizer stay fp32 (fp16 training also scales the loss).
 */
public enum Precision {
    FP32, BF16, FP16,
    /** bf16 where every device of the run runs it natively, else fp32; made concrete once the devices are known. */
    AUTO;

    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
