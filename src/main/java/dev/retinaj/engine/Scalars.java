package dev.retinaj.engine;

import ai.djl.ndarray.NDArray;
import java.util.function.BinaryOperator;

/**
 * x · v, x / v, x^v, max(x, v) and min(x, v) for a number v. DJL's {@code NDArray.mul(Number)} and
 * its kin wrap v in a tensor over Java memory and free that wrapper at once; autograd keeps the
 * tensor for backward, so a GC in between turns the gradient into garbage (HostArraysTest). Here v
 * lives in libtorch memory ({@link HostArrays#scalar}); the results, types included, are those of
 * DJL's methods.
 */
public final class Scalars {
    private Scalars() {}

    public static NDArray mul(NDArray x, Number v) {
        return with(x, v, NDArray::mul);
    }

    public static NDArray muli(NDArray x, Number v) {
        return with(x, v, NDArray::muli);
    }

    public static NDArray div(NDArray x, Number v) {
        return with(x, v, NDArray::div);
    }

    public static NDArray divi(NDArray x, Number v) {
        return with(x, v, NDArray::divi);
    }

    public static NDArray pow(NDArray x, Number v) {
        return with(x, v, NDArray::pow);
    }

    public static NDArray powi(NDArray x, Number v) {
        return with(x, v, NDArray::powi);
    }

    public static NDArray maximum(NDArray x, Number v) {
        return with(x, v, NDArray::maximum);
    }

    public static NDArray minimum(NDArray x, Number v) {
        return with(x, v, NDArray::minimum);
    }

    private static NDArray with(NDArray x, Number v, BinaryOperator<NDArray> op) {
        try (NDArray s = HostArrays.scalar(x.getManager(), v)) {
            return op.apply(x, s);
        }
    }
}
