package dev.retinaj.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import dev.retinaj.data.DeviceBatch;
import dev.retinaj.data.HostBatch;
import dev.retinaj.engine.Scalars;
import dev.retinaj.infer.Detector;
import dev.retinaj.loss.LossOutput;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One optimisation step: the detector's losses of the batch, backward, then the clipped update.
 * With several devices the batch is split across them and DJL's parameter server sums the
 * gradients; each device's loss is weighted by its share of the batch. A step whose loss or
 * gradient is not finite changes no weight and reports why.
 */
final class TrainStep {
    private final Trainer trainer;
    private final Detector detector;
    private final ClippedOptimizer sgd;
    private final LrSchedule schedule;

    TrainStep(Trainer trainer, Detector detector, ClippedOptimizer sgd, LrSchedule schedule) {
        this.trainer = trainer;
        this.detector = detector;
        this.sgd = sgd;
        this.schedule = schedule;
    }

    StepResult run(long iteration, HostBatch host, double dataSeconds) {
        long t0 = System.nanoTime();
        double lr = schedule.lrAt(iteration);
        Device[] devices = trainer.getDevices();
        List<HostBatch> parts = devices.length == 1 ? List.of(host) : host.split(devices.length);
        float[] sums = new float[4];
        Map<String, Object> diagnostic = null;
        Detector.Losses first = null;
        DeviceBatch firstBatch = null;
        try (NDManager step = trainer.getManager().newSubManager()) {
            try (GradientCollector gc = trainer.newGradientCollector()) {
                List<NDArray> totals = new ArrayList<>();
                for (int d = 0; d < parts.size() && diagnostic == null; d++) {
                    HostBatch part = parts.get(d);
                    float weight = (float) part.batchSize() / host.batchSize();
                    DeviceBatch batch = part.toDevice(step.newSubManager(devices[d]));
                    Detector.Losses f = detector.losses(batch, trainer::forward, iteration);
                    if (first == null) {
                        first = f;
                        firstBatch = batch;
                    }
                    LossOutput l = f.loss();
                    float[] v = l.values(); // one read from the device per step
                    float total = v[0];
                    sums[0] += weight * total;
                    sums[1] += weight * v[1];
                    sums[2] += weight * v[2];
                    sums[3] += v[3];
                    if (!Float.isFinite(total)) {
                        diagnostic = NonFiniteReport.ofLoss(iteration, f, batch);
                    }
                    double scale = sgd.scaler().scale();
                    totals.add(parts.size() == 1 && scale == 1 ? l.total()
                            : Scalars.MUL.apply(l.total(), (float) (weight * scale)));
                }
                if (diagnostic == null) {
                    // backward only once every part is finite, so a skipped step leaves no gradients behind
                    for (NDArray t : totals) {
                        gc.backward(t);
                    }
                }
            }
            StepResult.Losses losses = new StepResult.Losses(sums[0], sums[1], sums[2], sums[3]);
            if (diagnostic != null) {
                return new StepResult(iteration, lr, losses, Double.NaN, false, seconds(dataSeconds, t0), diagnostic);
            }
            if (devices.length == 1) {
                sgd.collect(detector.net().trainableParameters());
            } else {
                trainer.step(); // DJL's parameter server sums the devices' gradients
            }
            ClippedOptimizer.StepReport r = sgd.apply(lr);
            if (!r.applied() && !r.overflow()) {
                diagnostic = NonFiniteReport.ofGradients(iteration, first, firstBatch, r.paramNorms());
            }
            return new StepResult(iteration, lr, losses, r.gradNorm(), r.applied(), seconds(dataSeconds, t0), diagnostic);
        }
    }

    private static StepResult.Seconds seconds(double data, long t0) {
        return new StepResult.Seconds(data, (System.nanoTime() - t0) / 1e9);
    }
}
