package dev.retinaj.infer;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import dev.retinaj.data.HostBatch;
import dev.retinaj.util.Interrupts;
import dev.retinaj.util.ProgressBar;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A {@link Detector} bound to the parameters it runs with: {@code forward} is the inference forward
 * (a Trainer's {@code evaluate}, or the block's own forward with training off), so eval during
 * training and standalone eval and predict share this.
 */
public final class InferenceRunner {
    private final Detector detector;
    private final UnaryOperator<NDList> forward;
    private final NDManager manager;

    public InferenceRunner(Detector detector, UnaryOperator<NDList> forward, NDManager manager) {
        this.detector = detector;
        this.forward = forward;
        this.manager = manager;
    }

    /** Detections of one batch. */
    public List<Detections> run(HostBatch batch) {
        Interrupts.check();
        return detector.detect(batch, forward, manager);
    }

    /** Detections of every batch, with a progress bar of {@code total} batches. */
    public List<Detections> runAll(Iterator<HostBatch> batches, int total, String label) {
        List<Detections> out = new ArrayList<>();
        try (ProgressBar bar = new ProgressBar(label, total)) {
            while (batches.hasNext()) {
                out.addAll(run(batches.next()));
                bar.step(1, "");
            }
        }
        return out;
    }
}
