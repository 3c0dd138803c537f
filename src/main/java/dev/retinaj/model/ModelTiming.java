package dev.retinaj.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.retinaj.engine.ProcessStats;
import dev.retinaj.util.Spread;

/**
 * Times a RetinaNet on random images: inference forward, and a training step without the optimiser
 * (forward in training mode + backward of sum(outputs) through DJL's GradientCollector). Each
 * timed pass ends by reading a scalar back, so asynchronous devices are synchronised, and frees
 * everything it created, so pass n runs in the memory of pass 1.
 */
public final class ModelTiming {
    private ModelTiming() {}

    /** Seconds per batch of each pass kind, peak RSS during each kind, and the conv FLOPs of one image. */
    public record Result(Spread forward, Spread trainStep, long forwardPeakRss, long trainPeakRss,
            double gflopsPerImage) {}

    /**
     * {@code warmup} untimed passes of each kind, then {@code iters} timed ones; with {@code profile}
     * (may be null) libtorch's op profile of the timed inference passes is written there (Chrome trace).
     */
    public record Passes(int warmup, int iters, java.nio.file.Path profile) {}

    /**
     * Runs the untimed and timed {@code passes} of each kind on an initialised net;
     * {@code post} (may be null) consumes each inference pass's outputs inside the timed region.
     */
    public static Result time(RetinaNet net, NDManager manager, Device device, int batch, int size, Passes passes,
                              java.util.function.Consumer<NDList> post) {
        int warmup = passes.warmup();
        int iters = passes.iters();
        if (iters < 1 || warmup < 0) {
            throw new IllegalArgumentException("need iters >= 1 and warmup >= 0");
        }
        double[] fwd = new double[iters];
        double[] train = new double[iters];
        long fwdPeak;
        long trainPeak;
        try (NDManager m = manager.newSubManager(device)) {
            NDArray x = m.randomNormal(new Shape(batch, 3, size, size));
            ParameterStore ps = new ParameterStore(m, false);
            ProcessStats.resetPeak();
            net.cacheWeightsForInference(true); // as eval, predict and serving run a loaded model
            for (int i = -warmup; i < iters; i++) {
                if (i == 0 && passes.profile() != null) {
                    JniUtils.startProfile(Device.Type.GPU.equals(device.getDeviceType()), true, true);
                }
                double s = pass(net, ps, m, x, false, post);
                if (i >= 0) {
                    fwd[i] = s;
                }
            }
            if (passes.profile() != null) {
                JniUtils.stopProfile(passes.profile().toAbsolutePath().toString());
            }
            net.cacheWeightsForInference(false);
            fwdPeak = ProcessStats.read().peakRssBytes();
            ProcessStats.resetPeak();
            for (int i = -warmup; i < iters; i++) {
                double s = pass(net, ps, m, x, true, post);
                if (i >= 0) {
                    train[i] = s;
                }
            }
            trainPeak = ProcessStats.read().peakRssBytes();
        }
        return new Result(Spread.of(fwd), Spread.of(train), fwdPeak, trainPeak, 2.0 * net.macs(size, size) / 1e9);
    }

    private static double pass(RetinaNet net, ParameterStore ps, NDManager parent, NDArray x, boolean train,
                               java.util.function.Consumer<NDList> post) {
        try (NDManager step = parent.newSubManager()) {
            // every array the pass creates follows its input onto this pass's manager and is freed with it
            x.tempAttach(step);
            long t0 = System.nanoTime();
            if (train) {
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDList out = net.forward(ps, new NDList(x), true);
                    NDArray loss = out.get(0).sum().add(out.get(1).sum());
                    gc.backward(loss);
                    loss.getFloat();
                }
            } else {
                NDList out = net.forward(ps, new NDList(x), false);
                if (post != null) {
                    post.accept(out);
                }
                out.get(0).sum().getFloat();
            }
            return (System.nanoTime() - t0) / 1e9;
        }
    }
}
