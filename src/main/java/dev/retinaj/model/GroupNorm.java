package dev.retinaj.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.retinaj.engine.Scalars;

/** Group normalisation (Wu & He 2018) as torch.nn.GroupNorm: biased variance, eps 1e-5, per-channel affine. */
public final class GroupNorm extends AbstractBlock {
    private final int groups;
    private final int channels;
    private final Parameter weight;
    private final Parameter bias;

    public GroupNorm(int groups, int channels) {
        if (channels % groups != 0) {
            throw new IllegalArgumentException(channels + " channels do not split into " + groups + " groups");
        }
        this.groups = groups;
        this.channels = channels;
        weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.GAMMA)
                .optShape(new Shape(channels)).build());
        bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BETA)
                .optShape(new Shape(channels)).build());
    }

    public int groups() {
        return groups;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray in = inputs.singletonOrThrow();
        // statistics in fp32 under mixed precision (the next convolution casts back)
        NDArray x = dev.retinaj.engine.Casts.to(in, ai.djl.ndarray.types.DataType.FLOAT32);
        Shape shape = x.getShape();
        NDArray g = x.reshape(shape.get(0), groups, -1);
        NDArray centred = g.sub(g.mean(new int[] {2}, true));
        NDArray var = centred.square().mean(new int[] {2}, true);
        NDArray normed = centred.mul(Scalars.POW.apply(var.add(Norms.EPS), -0.5)).reshape(shape);
        Shape bc = new Shape(1, channels, 1, 1);
        NDArray w = Norms.local(ps.getValue(weight, x.getDevice(), training).reshape(bc), x.getManager());
        NDArray b = Norms.local(ps.getValue(bias, x.getDevice(), training).reshape(bc), x.getManager());
        return new NDList(normed.mul(w).add(b));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }
}
