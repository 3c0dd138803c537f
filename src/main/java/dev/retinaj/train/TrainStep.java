package dev.retinaj.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import dev.retinaj.anchors.Targets;
import dev.retinaj.data.DeviceBatch;
import dev.retinaj.data.HostBatch;
import dev.retinaj.infer.Detector;
import dev.retinaj.loss.LossOutput;
import dev.retinaj.model.HeadOutputs;
import java.util.List;

/**
 * One optimisation step: targets from the batch's boxes, forward, loss, backward, then the clipped
 * SGD update. With several devices the batch is split across them and DJL's parameter server sums
 * the gradients; each device's loss is weighted by its share of the batch.
 */
final class TrainStep {
    private final Trainer trainer;
    private final Detector detector;
    private final ClippedSgd sgd;
    private final LrSchedule schedule;

    TrainStep(Trainer trainer, Detector detector, ClippedSgd sgd, LrSchedule schedule) {
        this.trainer = trainer;
        this.detector = detector;
        this.sgd = sgd;
        this.schedule = schedule;
    }

    /** The forward pass, targets and losses of one batch, kept for diagnostics when not finite. */
    record Forward(HeadOutputs outputs, Targets targets, LossOutput loss, DeviceBatch batch) {}

    StepResult run(long iteration, HostBatch host, double dataSeconds, NonFiniteGuard guard) {
        long t0 = System.nanoTime();
        double lr = schedule.lrAt(iteration);
        Device[] devices = trainer.getDevices();
        List<HostBatch> parts = devices.length == 1 ? List.of(host) : host.split(devices.length);
        float lossSum = 0;
        float clsSum = 0;
        float boxSum = 0;
        float posSum = 0;
        boolean finite = true;
        try (NDManager step = trainer.getManager().newSubManager()) {
            try (GradientCollector gc = trainer.newGradientCollector()) {
                List<NDArray> totals = new java.util.ArrayList<>();
                for (int d = 0; d < parts.size(); d++) {
                    HostBatch part = parts.get(d);
                    float weight = (float) part.batchSize() / host.batchSize();
                    NDManager m = step.newSubManager(devices[d]);
                    DeviceBatch batch = part.toDevice(m);
                    Detector.Losses f = detector.losses(batch, trainer::forward, iteration);
                    LossOutput l = f.loss();
                    float total = l.total().getFloat();
                    lossSum += weight * total;
                    clsSum += weight * l.cls().getFloat();
                    boxSum += weight * l.box().getFloat();
                    posSum += l.numPos().getFloat();
                    if (!Float.isFinite(total)) {
                        finite = false;
                        guard.record(iteration, new Forward(f.outputs(), f.targets(), l, batch), f.anchors());
                        break;
                    }
                    totals.add(parts.size() == 1 ? l.total() : l.total().mul(weight));
                }
                if (finite) {
                    // backward only once every part is finite, so a skipped step leaves no gradients behind
                    for (NDArray t : totals) {
                        gc.backward(t);
                    }
                }
            }
            if (!finite) {
                return new StepResult(iteration, lr, lossSum, clsSum, boxSum, posSum, Double.NaN, false, dataSeconds,
                        (System.nanoTime() - t0) / 1e9);
            }
            trainer.step();
            ClippedSgd.StepReport r = sgd.apply(lr);
            if (!r.applied()) {
                guard.recordGradients(iteration, host, r.paramNorms());
            }
            return new StepResult(iteration, lr, lossSum, clsSum, boxSum, posSum, r.gradNorm(), r.applied(),
                    dataSeconds, (System.nanoTime() - t0) / 1e9);
        }
    }
}
