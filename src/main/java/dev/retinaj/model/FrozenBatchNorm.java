package dev.retinaj.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * torchvision's FrozenBatchNorm2d: {@code y = x · scale + shift} with
 * {@code scale = weight / sqrt(running_var + 1e-5)}, {@code shift = bias − running_mean · scale}.
 * Its four tensors come from the weights and are never trained (no gradient), in training as in
 * inference.
 */
public final class FrozenBatchNorm extends AbstractBlock {
    private final int channels;
    private final Parameter weight;
    private final Parameter bias;
    private final Parameter runningMean;
    private final Parameter runningVar;

    public FrozenBatchNorm(int channels) {
        this.channels = channels;
        weight = addParameter(frozen("weight", Parameter.Type.GAMMA));
        bias = addParameter(frozen("bias", Parameter.Type.BETA));
        runningMean = addParameter(frozen("running_mean", Parameter.Type.RUNNING_MEAN));
        runningVar = addParameter(frozen("running_var", Parameter.Type.RUNNING_VAR));
    }

    private Parameter frozen(String name, Parameter.Type type) {
        return Parameter.builder().setName(name).setType(type).optShape(new Shape(channels))
                .optRequiresGrad(false).build();
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        var device = x.getDevice();
        NDArray w = ps.getValue(weight, device, false);
        NDArray b = ps.getValue(bias, device, false);
        NDArray rm = ps.getValue(runningMean, device, false);
        NDArray rv = ps.getValue(runningVar, device, false);
        NormFolding.Affine a = NormFolding.affine(w, b, rm, rv, x.getManager());
        NDArray scale = a.scale();
        NDArray shift = a.shift();
        Shape bc = new Shape(1, channels, 1, 1);
        return new NDList(x.mul(scale.reshape(bc)).add(shift.reshape(bc)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }
}
