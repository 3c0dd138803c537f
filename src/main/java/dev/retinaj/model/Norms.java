package dev.retinaj.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.norm.BatchNorm;

/** Creates the normalisation block that follows a convolution. */
public final class Norms {
    /** torchvision's BatchNorm2d / FrozenBatchNorm2d / GroupNorm epsilon. */
    public static final float EPS = 1e-5f;

    private Norms() {}

    /**
     * Moves an op result computed from parameters to {@code m}. On the PyTorch engine a result belongs
     * to the manager of its first operand, for a parameter the model's own, which lives as long as the
     * model: every forward would leak it.
     */
    static NDArray local(NDArray a, NDManager m) {
        a.attach(m);
        return a;
    }

    /** A norm block over {@code channels} channels, or null for {@link NormType#NONE}. */
    public static Block create(NormType type, int channels) {
        return switch (type) {
            case FROZEN_BN -> new FrozenBatchNorm(channels);
            // DJL's momentum is PyTorch's 1 - momentum: torch's default 0.1
            case BN -> BatchNorm.builder().optAxis(1).optEpsilon(EPS).optMomentum(1 - BatchNormOp.TORCH_MOMENTUM).build();
            case GN -> new GroupNorm(groups(channels), channels);
            case NONE -> null;
        };
    }

    /**
     * Group-norm groups: 32 (the GN paper's and torchvision's choice) when channels allow at least
     * 4 channels per group (C ≥ 128), otherwise C / 4, lowered to the nearest divisor of C. So 256 → 32,
     * 64 → 16, 32 → 8, 24 → 6, 3 → 1.
     */
    public static int groups(int channels) {
        int g = Math.max(1, Math.min(32, channels / 4));
        while (channels % g != 0) {
            g--;
        }
        return g;
    }
}
