package dev.retinaj.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import dev.retinaj.model.TorchvisionNames;
import dev.retinaj.util.NativeResources;
import dev.retinaj.util.BadFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmaWeightsTest {
    @TempDir
    Path dir;

    /** A 2 → 1 linear block with weight (1, 2) and bias 3. */
    private static Block tiny(NDManager m) {
        Block b = Linear.builder().setUnits(1).build();
        b.initialize(m, DataType.FLOAT32, new Shape(1, 2));
        set(b, "weight", new float[] {1, 2});
        set(b, "bias", new float[] {3});
        return b;
    }

    private static void set(Block b, String name, float[] v) {
        NDArray a = param(b, name).getArray();
        a.set(new NDIndex("..."), a.getManager().create(v, a.getShape()));
    }

    private static Parameter param(Block b, String name) {
        return TorchvisionNames.of(b).get(name);
    }

    private static float[] values(Block b, String name) {
        return param(b, name).getArray().toFloatArray();
    }

    @Test
    void warmUpFollowsTheFormula() {
        assertEquals(0.9 * (1 - Math.exp(-1 / 2.0)), EmaWeights.decayAt(0.9, 2, 1), 1e-15);
        assertEquals(0.9 * (1 - Math.exp(-3 / 2.0)), EmaWeights.decayAt(0.9, 2, 3), 1e-15);
        assertEquals(0.9998 * (1 - Math.exp(-1.0)), EmaWeights.decayAt(0.9998, 2000, 2000), 1e-15);
        assertEquals(0.9, EmaWeights.decayAt(0.9, 0, 1), 0);
        assertEquals(0.99, EmaWeights.decayAt(0.99, 10, 1_000_000), 1e-12);
    }

    @Test
    void updatesByHand() {
        try (NDManager m = NDManager.newBaseManager()) {
            Block b = tiny(m);
            try (EmaWeights e = new EmaWeights(b, 0.5, 0)) {
                set(b, "weight", new float[] {3, 6});
                set(b, "bias", new float[] {-1});
                e.update(); // 0.5 * (1, 2) + 0.5 * (3, 6) = (2, 4); 0.5 * 3 + 0.5 * -1 = 1
                assertArrayEquals(new float[] {2, 4}, e.average("weight").toFloatArray(), 1e-6f);
                assertArrayEquals(new float[] {1}, e.average("bias").toFloatArray(), 1e-6f);
                set(b, "weight", new float[] {0, 0});
                e.update(); // (1, 2)
                assertArrayEquals(new float[] {1, 2}, e.average("weight").toFloatArray(), 1e-6f);
                assertArrayEquals(new float[] {0, 0}, values(b, "weight"));
                assertEquals(2, e.updates());
            }
        }
    }

    @Test
    void theWarmUpDecayIsUsedPerUpdate() {
        try (NDManager m = NDManager.newBaseManager()) {
            Block b = tiny(m);
            try (EmaWeights e = new EmaWeights(b, 0.9, 2)) {
                set(b, "bias", new float[] {13});
                e.update();
                double d1 = 0.9 * (1 - Math.exp(-0.5));
                double expected = d1 * 3 + (1 - d1) * 13;
                e.update();
                double d2 = 0.9 * (1 - Math.exp(-1.0));
                expected = d2 * expected + (1 - d2) * 13;
                assertEquals(expected, e.average("bias").toFloatArray()[0], 1e-5);
            }
        }
    }

    @Test
    void swapInPutsTheAveragesInTheModelAndSwapOutRestores() {
        try (NDManager m = NDManager.newBaseManager()) {
            Block b = tiny(m);
            try (EmaWeights e = new EmaWeights(b, 0.5, 0)) {
                set(b, "weight", new float[] {3, 6});
                e.update();
                NDArray same = param(b, "weight").getArray();
                e.swapIn();
                assertTrue(e.swapped());
                assertArrayEquals(new float[] {2, 4}, values(b, "weight"), 1e-6f);
                assertTrue(same == param(b, "weight").getArray(), "the model keeps its arrays");
                assertThrows(IllegalStateException.class, e::update);
                e.swapOut();
                assertFalse(e.swapped());
                assertArrayEquals(new float[] {3, 6}, values(b, "weight"));
                assertArrayEquals(new float[] {2, 4}, e.average("weight").toFloatArray(), 1e-6f);
            }
        }
    }

    @Test
    void saveThenLoadRestoresAveragesAndCountSoResumeContinuesExactly() throws Exception {
        Path file = dir.resolve(EmaWeights.FILE);
        try (NDManager m = NDManager.newBaseManager()) {
            Block b = tiny(m);
            float[] resumed;
            float[] straight;
            try (EmaWeights e = new EmaWeights(b, 0.8, 3)) {
                set(b, "weight", new float[] {5, -5});
                e.update();
                e.update();
                e.save(file);
                set(b, "weight", new float[] {7, 1});
                e.update();
                straight = e.average("weight").toFloatArray();
            }
            Block c = tiny(m);
            set(c, "weight", new float[] {7, 1});
            try (EmaWeights r = new EmaWeights(c, 0.8, 3)) {
                r.load(file);
                assertEquals(2, r.updates());
                r.update();
                resumed = r.average("weight").toFloatArray();
            }
            assertArrayEquals(straight, resumed, 0f);
        }
    }

    @Test
    void aFileOfAnotherModelIsOneBadFileError() throws Exception {
        Path file = dir.resolve("other.safetensors");
        try (NDManager m = NDManager.newBaseManager()) {
            Block wide = Linear.builder().setUnits(3).build();
            wide.initialize(m, DataType.FLOAT32, new Shape(1, 2));
            try (EmaWeights e = new EmaWeights(wide, 0.5, 0)) {
                e.save(file);
            }
            try (EmaWeights e = new EmaWeights(tiny(m), 0.5, 0)) {
                BadFileException err = assertThrows(BadFileException.class, () -> e.load(file));
                assertTrue(err.getMessage().contains("weight is (3, 2), model has (1, 2)"), err.getMessage());
            }
        }
    }

    @Test
    void updatesAllocateNothingThatOutlivesThem() {
        try (NDManager m = NDManager.newBaseManager()) {
            Block b = tiny(m);
            try (EmaWeights e = new EmaWeights(b, 0.9, 5)) {
                e.update();
                e.swapIn();
                e.swapOut();
                NDManager model = param(b, "weight").getArray().getManager();
                long before = NativeResources.count(model);
                assertTrue(before > 0, "the model's manager holds its arrays and the EMA's");
                for (int i = 0; i < 50; i++) {
                    e.update();
                    e.swapIn();
                    e.swapOut();
                }
                assertEquals(before, NativeResources.count(model));
            }
        }
    }
}
