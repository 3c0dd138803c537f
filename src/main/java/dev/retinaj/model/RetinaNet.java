package dev.retinaj.model;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The RetinaNet block: {@code backbone} (ResNet + FPN) and {@code head}, named as torchvision's
 * RetinaNet so that its parameters map one-to-one onto torchvision's state dict.
 *
 * <p>{@code forward(ps, NDList(images [B, 3, H, W]), training)} returns
 * {@code NDList(clsLogits [B, A_total, K], boxDeltas [B, A_total, 4])}; {@link #outputs} wraps
 * them with the level shapes into {@link HeadOutputs}. Training and inference share this forward:
 * the loss or the post-processor consumes its outputs.
 */
public final class RetinaNet extends NamedBlock {
    private final BackboneWithFpn backbone;
    private final RetinaHead head;
    private final List<Integer> strides;

    /** {@code strides}: of P3..P7, as configured ({@code model.anchors.strides}), one per FPN level. */
    public RetinaNet(BackboneWithFpn backbone, RetinaHead head, List<Integer> strides) {
        if (strides.size() != 5) {
            throw new IllegalArgumentException("the FPN has 5 levels P3..P7, got " + strides.size() + " strides");
        }
        this.backbone = add("backbone", backbone, 3);
        this.head = add("head", head, 0);
        this.strides = List.copyOf(strides);
    }

    public BackboneWithFpn backbone() {
        return backbone;
    }

    public RetinaHead head() {
        return head;
    }

    public int numClasses() {
        return head.numClasses();
    }

    public int anchorsPerLocation() {
        return head.anchorsPerLocation();
    }

    /** Initialises all parameters (their shapes do not depend on the input size). */
    public void initialize(NDManager manager) {
        initialize(manager, DataType.FLOAT32, new Shape(1, 3, 128, 128));
    }

    /** C3..C5 and P3..P7 (for parity tests and inspection). */
    public BackboneWithFpn.Features features(ParameterStore ps, NDArray images, boolean training) {
        return backbone.features(ps, images, training);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray images = inputs.head();
        if (!training && MemoryFormat.forInference(images.getDevice())) {
            // training is faster in NCHW
            images = MemoryFormat.channelsLast(images);
        }
        BackboneWithFpn.Features f = backbone.features(ps, images, training);
        NDList out = toFloat32(head.forward(ps, new NDList(f.p()), training));
        // dead once the head has run (autograd holds what backward needs): free them now, not at step end
        f.c().forEach(NDArray::close);
        f.p().forEach(NDArray::close);
        return out;
    }

    /** Mixed precision: the convolutions compute in {@code type} (FLOAT32, BFLOAT16, FLOAT16); outputs stay fp32. */
    public void setComputeType(DataType type) {
        forEachConv(this, c -> c.setComputeType(type));
    }

    /**
     * For a model whose weights no longer change (loaded for eval, predict or serving): inference
     * forwards prepare each convolution's weights once (norms folded in, cast, channels-last) instead
     * of on every call. Never during training, where the weights move; {@code false} drops them.
     */
    public void cacheWeightsForInference(boolean on) {
        forEachConv(this, c -> c.cacheForInference(on));
    }

    private static void forEachConv(ai.djl.nn.Block b, java.util.function.Consumer<Conv> f) {
        if (b instanceof Conv c) {
            f.accept(c);
        }
        b.getChildren().values().forEach(child -> forEachConv(child, f));
    }

    /** The head's outputs in fp32 (losses and post-processing are computed in fp32). */
    private static NDList toFloat32(NDList out) {
        if (out.get(0).getDataType() == DataType.FLOAT32) {
            return out;
        }
        NDList wide = new NDList(out.size());
        for (NDArray a : out) {
            wide.add(dev.retinaj.engine.Casts.to(a, DataType.FLOAT32));
            a.close();
        }
        return wide;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        long total = 0;
        for (LevelShape l : levelShapes((int) in.get(2), (int) in.get(3))) {
            total += (long) l.locations() * anchorsPerLocation();
        }
        return new Shape[] {new Shape(in.get(0), total, numClasses()), new Shape(in.get(0), total, 4)};
    }

    /**
     * The P3..P7 feature-map shapes for an input of {@code height × width}: every stride-2 step
     * (3×3 or 7×7 conv with padding k/2, 3×3 max-pool with padding 1) maps n to ceil(n / 2), so
     * level l has ceil(n / stride).
     */
    public List<LevelShape> levelShapes(int height, int width) {
        return LevelShape.forInput(height, width, strides);
    }

    /**
     * Multiply-accumulates of all convolutions for one {@code height × width} image, counted from the
     * layer shapes (norms, activations, additions and pooling are not counted; FLOPs = 2 · MACs).
     * Needs the block initialised.
     */
    public long macs(int height, int width) {
        List<LevelShape> levels = levelShapes(height, width);
        long[][] c = new long[3][];
        for (int i = 0; i < 3; i++) {
            c[i] = new long[] {levels.get(i).height(), levels.get(i).width()};
        }
        return backbone.body().macs(height, width) + backbone.fpn().macs(c) + head.macs(levels);
    }

    /** Wraps this block's forward outputs for an input batch of {@code height × width} images. */
    public HeadOutputs outputs(NDList out, int height, int width) {
        List<LevelShape> levels = levelShapes(height, width);
        long expected = levels.stream().mapToLong(l -> (long) l.locations() * anchorsPerLocation()).sum();
        long actual = out.get(0).getShape().get(1);
        if (actual != expected) {
            throw new IllegalArgumentException("head outputs hold " + actual + " anchors, a " + height + "x" + width
                    + " input gives " + expected);
        }
        return new HeadOutputs(out.get(0), out.get(1), levels, anchorsPerLocation());
    }

    /**
     * DJL's {@link ai.djl.nn.Parameter#load} replaces each array with a fresh one that does not require
     * gradients; restore the flags so that a model loaded from DJL parameters trains again.
     */
    @Override
    public void loadParameters(NDManager manager, DataInputStream is) throws IOException, MalformedModelException {
        super.loadParameters(manager, is);
        for (Parameter p : getParameters().values()) {
            p.getArray().setRequiresGradient(p.requiresGradient());
        }
    }

    /** Parameters that training updates (frozen stages and FrozenBatchNorm constants excluded). */
    public List<Parameter> trainableParameters() {
        return getParameters().values().stream().filter(Parameter::requiresGradient).toList();
    }
}
