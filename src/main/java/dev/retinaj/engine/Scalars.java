package dev.retinaj.engine;

import ai.djl.ndarray.NDArray;
import java.util.function.BinaryOperator;

/**
 * x · v, x / v, x^v, max(x, v) and min(x, v) for a number v ({@code Scalars.MUL.apply(x, v)}; the
 * {@code I} ones in place). DJL's {@code NDArray.mul(Number)} and its kin wrap v in a tensor over Java
 * memory and free that wrapper at once; autograd keeps the tensor for backward, so a GC in between
 * turns the gradient into garbage (HostArraysTest). Here v lives in libtorch memory
 * ({@link HostArrays#scalar}); the results, types included, are those of DJL's methods (x^2 is one multiply).
 */
public enum Scalars {
    MUL(NDArray::mul), MULI(NDArray::muli),
    DIV(NDArray::div), DIVI(NDArray::divi),
    POW(NDArray::pow), POWI(NDArray::powi),
    MAXIMUM(NDArray::maximum), MINIMUM(NDArray::minimum);

    private final BinaryOperator<NDArray> op;

    Scalars(BinaryOperator<NDArray> op) {
        this.op = op;
    }

    /** x op v, with v held in libtorch memory while the op runs. */
    public NDArray apply(NDArray x, Number v) {
        if (this == POW && v.doubleValue() == 2 && !x.getDataType().isInteger()) {
            // a tensor exponent runs libtorch's generic pow, ~10x slower than one multiply; an integer x
            // keeps pow, whose result a float exponent promotes to float (square would stay integer)
            return x.square();
        }
        try (NDArray s = HostArrays.scalar(x.getManager(), v)) {
            return op.apply(x, s);
        }
    }
}
