package dev.retinaj.infer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import dev.retinaj.anchors.AnchorGenerator;
import dev.retinaj.data.HostBatch;
import dev.retinaj.model.HeadOutputs;
import dev.retinaj.model.RetinaNet;
import dev.retinaj.util.ProgressBar;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Runs a RetinaNet over batches and post-processes its outputs into detections in original-image
 * pixels. {@code forward} is the model's inference forward (a Trainer's {@code evaluate}, or the
 * block's own forward with training off), so eval during training and standalone eval share this.
 */
public final class InferenceRunner {
    private final RetinaNet net;
    private final UnaryOperator<NDList> forward;
    private final AnchorGenerator anchors;
    private final PostProcessor post;
    private final NDManager manager;

    public InferenceRunner(RetinaNet net, UnaryOperator<NDList> forward, AnchorGenerator anchors, PostProcessor post,
                           NDManager manager) {
        this.net = net;
        this.forward = forward;
        this.anchors = anchors;
        this.post = post;
        this.manager = manager;
    }

    /** Detections of one batch. */
    public List<Detections> run(HostBatch batch) {
        try (NDManager m = manager.newSubManager()) {
            NDArray images = m.create(batch.images(), new ai.djl.ndarray.types.Shape(batch.batchSize(), 3,
                    batch.height(), batch.width()));
            NDList out = forward.apply(new NDList(images));
            HeadOutputs h = net.outputs(out, batch.height(), batch.width());
            NDArray a = anchors.anchors(m, h.levels());
            return post.process(h, a, batch.infos());
        }
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
