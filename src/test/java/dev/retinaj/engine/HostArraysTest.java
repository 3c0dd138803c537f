package dev.retinaj.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HostArraysTest {
    @Test
    void djlsOwnCreateAliasesJavaMemoryAndHostArraysDoesNot() {
        try (NDManager m = NDManager.newBaseManager(ai.djl.Device.cpu())) {
            ByteBuffer buf = ByteBuffer.allocateDirect(8).order(ByteOrder.nativeOrder());
            buf.putFloat(0, 1f).putFloat(4, 2f);
            NDArray aliased = m.create(buf, new Shape(2), DataType.FLOAT32);
            NDArray owned = HostArrays.of(m, buf, new Shape(2), DataType.FLOAT32);
            buf.putFloat(0, 7f);
            // the reason HostArrays exists: if DJL ever copies here, this line says so
            assertArrayEquals(new float[] {7f, 2f}, aliased.toFloatArray());
            assertArrayEquals(new float[] {1f, 2f}, owned.toFloatArray());
        }
    }

    @Test
    void arraysKeepTheirValuesTypesAndShapes() {
        try (NDManager m = NDManager.newBaseManager(ai.djl.Device.cpu())) {
            NDArray f = HostArrays.of(m, new float[] {1.5f, -2f, 3f, 4f}, new Shape(2, 2));
            assertEquals(new Shape(2, 2), f.getShape());
            assertArrayEquals(new float[] {1.5f, -2f, 3f, 4f}, f.toFloatArray());
            assertArrayEquals(new int[] {3, -1}, HostArrays.of(m, new int[] {3, -1}, new Shape(2)).toIntArray());
            assertArrayEquals(new long[] {1L << 40}, HostArrays.of(m, 1L << 40).toLongArray());
            assertArrayEquals(new double[] {0.1, 0.2}, HostArrays.of(m, 0.1, 0.2).toDoubleArray());
            NDArray s = HostArrays.scalar(m, 2.5f);
            assertEquals(new Shape(), s.getShape());
            assertEquals(DataType.FLOAT32, s.getDataType());
            assertEquals(DataType.INT32, HostArrays.scalar(m, 3).getDataType());
        }
    }

    @Test
    void decodeKeepsNamesAndValues() throws java.io.IOException {
        try (NDManager m = NDManager.newBaseManager(ai.djl.Device.cpu())) {
            NDArray a = m.create(new float[] {1f, 2f, 3f});
            a.setName("w");
            NDList back = HostArrays.decode(m, new ByteArrayInputStream(new NDList(a).encode()));
            assertEquals(1, back.size());
            assertEquals("w", back.get(0).getName());
            assertArrayEquals(new float[] {1f, 2f, 3f}, back.get(0).toFloatArray());
        }
    }

    /**
     * DJL's x.mul(3f) saves a scalar over Java memory for backward and frees it at once; after a GC
     * and a few allocations of the same size its gradient read 77 in 30 of 30 tries. Scalars keeps
     * the scalar in libtorch memory.
     */
    @Test
    void scalarOpsKeepTheirGradientAcrossGarbageCollection() throws InterruptedException {
        try (NDManager m = NDManager.newBaseManager(ai.djl.Device.cpu())) {
            for (int trial = 0; trial < 10; trial++) {
                try (NDManager s = m.newSubManager()) {
                    NDArray x = s.ones(new Shape(4));
                    x.setRequiresGradient(true);
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        NDArray six = Scalars.DIV.apply(Scalars.MUL.apply(x, 3f), 0.5f);
                        NDArray y = Scalars.MAXIMUM.apply(Scalars.POW.apply(six, 2), 0f);
                        churnJavaMemory();
                        gc.backward(y.sum()); // d/dx (6x)² = 72 x
                    }
                    assertArrayEquals(new float[] {72f, 72f, 72f, 72f}, x.getGradient().toFloatArray(), 1e-5f);
                }
            }
        }
    }

    /** POW with an exponent other than 2 (2 is a square) keeps its scalar too: d/dx x³ = 3x² = 12 at 2. */
    @Test
    void powKeepsItsExponentAcrossGarbageCollection() throws InterruptedException {
        try (NDManager m = NDManager.newBaseManager(ai.djl.Device.cpu())) {
            for (int trial = 0; trial < 10; trial++) {
                try (NDManager s = m.newSubManager()) {
                    NDArray x = s.full(new Shape(4), 2f);
                    x.setRequiresGradient(true);
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        NDArray y = Scalars.POW.apply(x, 3f);
                        churnJavaMemory();
                        gc.backward(y.sum());
                    }
                    assertArrayEquals(new float[] {12f, 12f, 12f, 12f}, x.getGradient().toFloatArray(), 1e-5f);
                }
            }
        }
    }

    /** POW's square for exponent 2 gives DJL's pow's values and type: an integer x with 2f becomes float. */
    @Test
    void powOfTwoMatchesDjlTypes() {
        try (NDManager m = NDManager.newBaseManager(ai.djl.Device.cpu())) {
            NDArray i = m.create(new int[] {1, -2, 3});
            NDArray floatExp = Scalars.POW.apply(i, 2f);
            assertEquals(DataType.FLOAT32, floatExp.getDataType());
            assertArrayEquals(new float[] {1f, 4f, 9f}, floatExp.toFloatArray());
            NDArray intExp = Scalars.POW.apply(i, 2);
            assertEquals(DataType.INT32, intExp.getDataType());
            assertArrayEquals(new int[] {1, 4, 9}, intExp.toIntArray());
            NDArray f = Scalars.POW.apply(m.create(new float[] {-1.5f, 3f}), 2f);
            assertEquals(DataType.FLOAT32, f.getDataType());
            assertArrayEquals(new float[] {2.25f, 9f}, f.toFloatArray());
        }
    }

    private static void churnJavaMemory() throws InterruptedException {
        System.gc();
        Thread.sleep(5);
        List<ByteBuffer> keep = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            ByteBuffer b = ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder());
            b.putFloat(0, 77f);
            keep.add(b);
        }
    }
}
