package dev.retinaj.engine;

import ai.djl.pytorch.jni.JniUtils;
import java.util.Locale;

/** The engine's thread settings and the allocator environment, as a benchmark reports them. */
public record EngineThreads(int intraOp, int interOp, int cores, String allocator) {
    /** Reads them from the started engine. */
    public static EngineThreads current() {
        return new EngineThreads(JniUtils.getNumThreads(), JniUtils.getNumInteropThreads(),
                Runtime.getRuntime().availableProcessors(), Allocator.describe());
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "intra-op %d, inter-op %d, %d cores; allocator: %s", intraOp, interOp,
                cores, allocator);
    }
}
