package dev.retinaj.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;
import dev.retinaj.engine.InPlaceRelu;

/**
 * A residual block in torchvision's layout: BasicBlock (two 3×3 convs) or Bottleneck (1×1, 3×3, 1×1
 * with expansion 4, the stride on the 3×3 conv — "ResNet v1.5"), convs without bias, a norm after
 * each conv, and a 1×1-conv + norm {@code downsample} branch when the shape changes.
 *
 * <p>We don't reuse DJL model-zoo's ResNetV1 residual unit: its bottleneck strides on the first 1×1
 * conv and its convs have biases, so torchvision's weights would neither load nor give the same
 * outputs.
 */
final class ResNetBlock extends NamedBlock {
    private final Block[] convs;
    private final Block[] norms;
    private final Block downsample;

    ResNetBlock(boolean bottleneck, int in, int planes, int stride, NormType norm, Initializer init) {
        int out = bottleneck ? planes * 4 : planes;
        int n = bottleneck ? 3 : 2;
        convs = new Block[n];
        norms = new Block[n];
        int[] kernels = bottleneck ? new int[] {1, 3, 1} : new int[] {3, 3};
        int[] strides = bottleneck ? new int[] {1, stride, 1} : new int[] {stride, 1};
        int[] outs = bottleneck ? new int[] {planes, planes, out} : new int[] {planes, out};
        int c = in;
        for (int i = 0; i < n; i++) {
            Block conv = Conv.square(outs[i], kernels[i], strides[i], false);
            conv.setInitializer(init, p -> p.getName().equals("weight"));
            convs[i] = add("conv" + (i + 1), conv, c);
            norms[i] = add("bn" + (i + 1), Norms.create(norm, outs[i]), outs[i]);
            c = outs[i];
        }
        downsample = stride != 1 || in != out
                ? add("downsample", new ConvNormAct(in, out, 1, stride, norm, false, init), in)
                : null;
    }

    /** Conv MACs on an h × w input; {@code out[0..1]} receives the output size. */
    long macs(long h, long w, long[] out) {
        long total = downsample == null ? 0 : ((ConvNormAct) downsample).macs(h, w);
        for (Block conv : convs) {
            total += convMacs(conv, h, w);
            long s = ((ai.djl.nn.convolutional.Convolution) conv).getStride().get(0);
            h = ceilDiv(h, s);
            w = ceilDiv(w, s);
        }
        out[0] = h;
        out[1] = w;
        return total;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray y = x;
        for (int i = 0; i < convs.length; i++) {
            y = NormFolding.convThenNorm(convs[i], norms[i], ps, y, training);
            if (i < convs.length - 1) {
                y = InPlaceRelu.apply(y);
            }
        }
        NDArray identity = downsample == null ? x : run(downsample, ps, x, training);
        // the norm's output is not needed by its backward, so the sum may overwrite it
        return new NDList(InPlaceRelu.apply(y.addi(identity)));
    }
}
