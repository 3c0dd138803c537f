package dev.retinaj.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;

/**
 * A composite block whose children carry torchvision's module names ({@code conv1}, {@code layer1},
 * {@code 0} ...), so that {@link TorchvisionNames} can list our parameters under torchvision's
 * state-dict keys. Each child is registered with its input channel count: parameter shapes then
 * depend only on the architecture, never on the spatial size of the example input.
 */
abstract class NamedBlock extends AbstractBlock {
    private final List<Integer> childInChannels = new ArrayList<>();

    protected final <B extends Block> B add(String name, B block, int inChannels) {
        childInChannels.add(inChannels);
        return addChildBlock(name, block);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        int i = 0;
        for (Block child : children.values()) {
            child.initialize(manager, dataType, new Shape(1, childInChannels.get(i++), 8, 8));
        }
    }

    /**
     * Runs a child on one input in a scope of its own: whatever the child creates besides its output
     * is freed when it returns, not when the caller's manager closes. Autograd keeps its own
     * references to the tensors backward needs, so this frees exactly the dead ones (the native
     * memory of a training forward then peaks as libtorch's does).
     */
    protected static NDArray run(Block block, ParameterStore ps, NDArray x, boolean training) {
        NDManager parent = x.getManager();
        try (NDManager scope = parent.newSubManager()) {
            x.tempAttach(scope);
            NDArray y = block.forward(ps, new NDList(x), training).singletonOrThrow();
            if (y != x) {
                y.attach(parent);
            }
            return y;
        }
    }

    /**
     * Multiply-accumulates of a square conv (padding k/2, so the output is ceil(n / stride)) on an
     * h × w input; needs the block initialised (its weight shape gives in/out channels and kernel).
     */
    static long convMacs(Block conv, long h, long w) {
        Shape ws = conv.getDirectParameters().get("weight").getShape();
        long stride = ((ai.djl.nn.convolutional.Convolution) conv).getStride().get(0);
        return ws.size() * ceilDiv(h, stride) * ceilDiv(w, stride);
    }

    static long ceilDiv(long n, long d) {
        return -Math.floorDiv(-n, d);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not compute output shapes");
    }
}
