package dev.retinaj.train;

import ai.djl.pytorch.jni.JniUtils;
import java.nio.file.Path;

/**
 * Records the engine's op-level profile (libtorch's autograd profiler, with input shapes and memory)
 * over iterations {@code from..to} and writes it as a Chrome trace (chrome://tracing, Perfetto).
 * Only for CPU-or-CUDA PyTorch runs; the profiler itself slows the step down.
 */
public final class ProfilerHook implements TrainHook {
    private final long from;
    private final long to;
    private final Path out;
    private final boolean cuda;
    private boolean running;

    public ProfilerHook(long from, long to, Path out, boolean cuda) {
        this.from = from;
        this.to = to;
        this.out = out;
        this.cuda = cuda;
    }

    @Override
    public void beforeStep(TrainState s) {
        if (!running && s.iteration() == from) {
            JniUtils.startProfile(cuda, true, true);
            running = true;
        }
    }

    @Override
    public void afterStep(TrainState s) {
        if (running && s.iteration() >= to) {
            stop();
        }
    }

    @Override
    public void close() {
        if (running) {
            stop();
        }
    }

    private void stop() {
        running = false;
        JniUtils.stopProfile(out.toAbsolutePath().toString());
    }
}
