package dev.retinaj.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * Feature pyramid (Lin et al. 2017) in torchvision's layout: {@code inner_blocks.i} 1×1 laterals,
 * top-down nearest upsampling to each lateral's size, {@code layer_blocks.i} 3×3 output convs → P3–P5;
 * {@code extra_blocks.p6} a 3×3 stride-2 conv on C5 or P5, {@code extra_blocks.p7} a 3×3 stride-2
 * conv on ReLU(P6).
 */
public final class Fpn extends NamedBlock {
    /** torchvision's FPN init, kaiming_uniform_(a=1): U(±sqrt(3 / fan_in)); biases 0. */
    private static final XavierInitializer KAIMING_UNIFORM_A1 =
            new XavierInitializer(XavierInitializer.RandomType.UNIFORM, XavierInitializer.FactorType.IN, 3);

    private final Block[] inner = new Block[3];
    private final Block[] layer = new Block[3];
    private final Block p6;
    private final Block p7;
    private final boolean p6FromP5;

    /**
     * @param inChannels channels of C3, C4, C5
     * @param p6FromP5 true: P6 from P5 (torchvision v1), false: from C5 (paper, detectron2)
     */
    public Fpn(int[] inChannels, int channels, boolean p6FromP5) {
        this.p6FromP5 = p6FromP5;
        Lists innerBlocks = new Lists();
        Lists layerBlocks = new Lists();
        for (int i = 0; i < 3; i++) {
            inner[i] = innerBlocks.add(Integer.toString(i),
                    new ConvNormAct(inChannels[i], channels, 1, 1, NormType.NONE, false, KAIMING_UNIFORM_A1), inChannels[i]);
            layer[i] = layerBlocks.add(Integer.toString(i),
                    new ConvNormAct(channels, channels, 3, 1, NormType.NONE, false, KAIMING_UNIFORM_A1), channels);
        }
        add("inner_blocks", innerBlocks, 0);
        add("layer_blocks", layerBlocks, 0);
        Lists extra = new Lists();
        p6 = extra.add("p6", conv3s2(channels), p6FromP5 ? channels : inChannels[2]);
        p7 = extra.add("p7", conv3s2(channels), channels);
        add("extra_blocks", extra, 0);
    }

    private static Block conv3s2(int channels) {
        Block c = Conv.square(channels, 3, 2, true);
        c.setInitializer(KAIMING_UNIFORM_A1, p -> p.getName().equals("weight"));
        return c;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(pyramid(ps, inputs, training));
    }

    /** Conv MACs given the sizes {h, w} of C3, C4, C5 (P6, P7 halve P5's size twice). */
    long macs(long[][] c) {
        long total = 0;
        for (int i = 0; i < 3; i++) {
            total += ((ConvNormAct) inner[i]).macs(c[i][0], c[i][1]) + ((ConvNormAct) layer[i]).macs(c[i][0], c[i][1]);
        }
        total += convMacs(p6, c[2][0], c[2][1]);
        return total + convMacs(p7, ceilDiv(c[2][0], 2), ceilDiv(c[2][1], 2));
    }

    /** P3..P7 from C3..C5. */
    public List<NDArray> pyramid(ParameterStore ps, List<NDArray> c, boolean training) {
        NDArray[] p = new NDArray[5];
        NDArray last = run(inner[2], ps, c.get(2), training);
        p[2] = run(layer[2], ps, last, training);
        for (int i = 1; i >= 0; i--) {
            NDArray lateral = run(inner[i], ps, c.get(i), training);
            last = lateral.add(upsampleNearest(last, lateral.getShape().get(2), lateral.getShape().get(3)));
            p[i] = run(layer[i], ps, last, training);
        }
        p[3] = run(p6, ps, p6FromP5 ? p[2] : c.get(2), training);
        p[4] = run(p7, ps, Activation.relu(p[3]), training); // out of place: P6 itself is an output
        return new ArrayList<>(List.of(p));
    }

    /**
     * Nearest upsampling of [B, C, h, w] to (H, W) with H ∈ {2h − 1, 2h} (a stride-2 pyramid): source
     * index = i / 2, which is what F.interpolate(size=(H, W), mode="nearest") picks for these sizes.
     */
    static NDArray upsampleNearest(NDArray x, long height, long width) {
        long h = x.getShape().get(2);
        long w = x.getShape().get(3);
        if (height > 2 * h || height < 2 * h - 1 || width > 2 * w || width < 2 * w - 1) {
            throw new IllegalArgumentException("cannot upsample " + h + "x" + w + " to " + height + "x" + width);
        }
        // DJL's mode 0 is libtorch's nearest: one pass, and it keeps a channels-last layout
        return x.getNDArrayInternal().interpolation(new long[] {height, width}, 0, false);
    }

    /** A named holder of child blocks (torchvision's ModuleList); its parent runs them. */
    static final class Lists extends NamedBlock {
        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
            throw new UnsupportedOperationException("a list of blocks is run by its parent");
        }
    }
}
