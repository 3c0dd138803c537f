package dev.retinaj.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;

/**
 * One RetinaNet subnet in torchvision's layout: {@code conv.i} = numConvs × (3×3 conv [+ GN] + ReLU),
 * then a 3×3 output conv ({@code cls_logits} or {@code bbox_reg}) to A·outPerAnchor channels.
 * All convs N(0, 0.01); biases 0 except the output bias.
 */
final class Subnet extends NamedBlock {
    private final Block[] convs;
    private final Block out;

    Subnet(int in, int channels, int numConvs, NormType norm, int outChannels, String outName, float outBias) {
        NormalInitializer n001 = new NormalInitializer(0.01f);
        Fpn.Lists list = new Fpn.Lists();
        convs = new Block[numConvs];
        int c = in;
        for (int i = 0; i < numConvs; i++) {
            convs[i] = list.add(Integer.toString(i), new ConvNormAct(c, channels, 3, 1, norm, true, n001), c);
            c = channels;
        }
        add("conv", list, in);
        out = add(outName, Conv.square(outChannels, 3, 1, true), c);
        out.setInitializer(n001, p -> p.getName().equals("weight"));
        out.setInitializer(new ConstantInitializer(outBias), p -> p.getName().equals("bias"));
    }

    Block outputConv() {
        return out;
    }

    long macs(long h, long w) {
        long total = convMacs(out, h, w);
        for (Block conv : convs) {
            total += ((ConvNormAct) conv).macs(h, w);
        }
        return total;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray y = inputs.singletonOrThrow();
        for (Block conv : convs) {
            y = run(conv, ps, y, training);
        }
        return new NDList(run(out, ps, y, training));
    }
}
