package dev.retinaj.infer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.retinaj.anchors.AnchorGenerator;
import dev.retinaj.anchors.Assigner;
import dev.retinaj.anchors.BoxCoder;
import dev.retinaj.anchors.Targets;
import dev.retinaj.config.RetinaConfig;
import dev.retinaj.data.DeviceBatch;
import dev.retinaj.data.HostBatch;
import dev.retinaj.engine.HostArrays;
import dev.retinaj.loss.DetectionLoss;
import dev.retinaj.loss.LossOutput;
import dev.retinaj.model.HeadOutputs;
import dev.retinaj.model.LevelShape;
import dev.retinaj.model.RetinaNet;
import dev.retinaj.model.RetinaNetFactory;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A RetinaNet detector: the network and everything that gives its outputs a meaning (the anchors of
 * each input size, one box coder, the assigner, the loss and the post-processor), built from one
 * config in one place. Training calls {@link #losses}, inference {@link #detect}; both run the same
 * forward. The forward is passed in because it depends on who holds the parameters: a Trainer (its
 * {@code forward} while training, {@code evaluate} for periodic eval), or the block itself.
 */
public final class Detector {
    private final RetinaConfig cfg;
    private final RetinaNet net;
    private final AnchorGenerator anchors;
    private final Assigner assigner;
    private final DetectionLoss loss;
    private final PostProcessor post;

    private Detector(RetinaConfig cfg, RetinaNet net, AnchorGenerator anchors, Assigner assigner, DetectionLoss loss,
                     PostProcessor post) {
        this.cfg = cfg;
        this.net = net;
        this.anchors = anchors;
        this.assigner = assigner;
        this.loss = loss;
        this.post = post;
    }

    /** The detector of {@code cfg} for {@code numClasses} classes; its network is not initialised yet. */
    public static Detector create(RetinaConfig cfg, int numClasses) {
        BoxCoder coder = new BoxCoder();
        dev.retinaj.model.RetinaNet net = RetinaNetFactory.build(cfg.model(), numClasses);
        net.setComputeType(dev.retinaj.engine.PrecisionSupport.dataType(cfg.precision()));
        return new Detector(cfg, net, new AnchorGenerator(cfg.model().anchors()),
                new Assigner(cfg.assigner(), coder), new DetectionLoss(cfg.loss(), numClasses, coder),
                new PostProcessor(cfg.test(), coder));
    }

    /** The same detector whose loss knows the training set's class frequencies (for per-class alpha). */
    public Detector withClassFrequencies(double[] counts) {
        return new Detector(cfg, net, anchors, assigner, loss.withClassFrequencies(counts), post);
    }

    /** The forward pass, targets and losses of one batch (kept for diagnostics when not finite). */
    public record Losses(HeadOutputs outputs, Targets targets, LossOutput loss, NDArray anchors) {}

    /**
     * Training: targets for the batch's boxes, the forward (training mode) and the losses.
     *
     * @param forward the training forward, {@code NDList(images [B,3,H,W])} to the block's two outputs
     */
    public Losses losses(DeviceBatch batch, UnaryOperator<NDList> forward, long iteration) {
        Shape in = batch.images().getShape();
        int height = (int) in.get(2);
        int width = (int) in.get(3);
        NDArray a = anchors(batch.images().getManager(), height, width);
        Targets targets = assigner.assign(a, batch.boxes(), batch.labels(), batch.ignore(), net.numClasses());
        HeadOutputs outputs = net.outputs(forward.apply(new NDList(batch.images())), height, width);
        return new Losses(outputs, targets, loss.compute(outputs, targets, iteration), a);
    }

    /**
     * Inference: detections in original-image pixels of every image of {@code batch}.
     *
     * @param forward the inference forward (training off)
     */
    public List<Detections> detect(HostBatch batch, UnaryOperator<NDList> forward, NDManager manager) {
        try (NDManager m = manager.newSubManager()) {
            NDArray images = HostArrays.of(m, batch.images(), new Shape(batch.batchSize(), 3, batch.height(), batch.width()));
            return postProcess(forward.apply(new NDList(images)), batch, m);
        }
    }

    /** The block's raw outputs for {@code batch}, post-processed into detections; anchors go on {@code m}. */
    public List<Detections> postProcess(NDList raw, HostBatch batch, NDManager m) {
        HeadOutputs h = net.outputs(raw, batch.height(), batch.width());
        return post.process(h, anchors(m, batch.height(), batch.width()), batch.infos());
    }

    /** [A_total, 4] anchors of a {@code height × width} input (host copy cached per input size). */
    public NDArray anchors(NDManager m, int height, int width) {
        return anchors.anchors(m, levelShapes(height, width));
    }

    /** Targets of a batch's ground truth ([B, G, 4] boxes, [B, G] labels and ignore flags) for these anchors. */
    public Targets assign(NDArray anchorBoxes, NDArray boxes, NDArray labels, NDArray ignore) {
        return assigner.assign(anchorBoxes, boxes, labels, ignore, net.numClasses());
    }

    public List<LevelShape> levelShapes(int height, int width) {
        return net.levelShapes(height, width);
    }

    public RetinaNet net() {
        return net;
    }

    public DetectionLoss loss() {
        return loss;
    }

    public RetinaConfig config() {
        return cfg;
    }

    public int numClasses() {
        return net.numClasses();
    }

    public int anchorsPerLocation() {
        return anchors.perLocation();
    }
}
