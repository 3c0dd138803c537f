package dev.retinaj.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.output.DetectedObjects;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.repository.zoo.ZooModel;
import dev.retinaj.checkpoint.CheckpointStore;
import dev.retinaj.config.ConfigLoader;
import dev.retinaj.config.RetinaConfig;
import dev.retinaj.data.ShapesGenerator;
import dev.retinaj.data.ShapesParams;
import dev.retinaj.infer.WeightsSource;
import dev.retinaj.model.TorchvisionNames;
import dev.retinaj.serving.RetinaJModels;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With {@code train.ema} on, the run exports the EMA weights: the serving model's parameters are
 * those of the last checkpoint's {@code ema.safetensors} (what {@link EmaWeights} saved), not the
 * trained {@code model.safetensors}, and {@code --weights RUN_DIR} picks the EMA file.
 */
class EmaHookTest {
    @TempDir
    Path dir;

    @Test
    void theExportedWeightsAreTheAveragesNotTheTrainedOnes() throws Exception {
        Path data = dir.resolve("shapes");
        ShapesGenerator.generate(data, new ShapesParams(16, 4, 96, 7, 1.0));
        RetinaConfig cfg = ConfigLoader.load(Path.of("configs/shapes_r18_fpn_demo.yaml"), TrainEndToEndTest.tinyFor(data,
                "train.max_iters=6", "data.val=[]", "train.ema.decay=0.9", "train.ema.tau=2"));
        RunDirectory run = new RunDirectory(dir.resolve("run"));
        new TrainRunner(cfg, run, false).run();

        Path last = run.checkpoints().resolve("ckpt_0000006");
        Path emaFile = last.resolve(CheckpointStore.EMA);
        assertEquals(emaFile, WeightsSource.resolve(run.root()).file());
        assertEquals(emaFile, WeightsSource.resolve(last).file());
        try (NDManager m = NDManager.newBaseManager(ai.djl.Device.cpu());
             ZooModel<Image, DetectedObjects> served = RetinaJModels.criteria(run.root()).loadModel()) {
            Map<String, NDArray> ema = read(emaFile, m);
            Map<String, NDArray> trained = read(last.resolve(CheckpointStore.MODEL), m);
            assertEquals(6, ema.get(EmaWeights.UPDATES).toLongArray()[0]);
            Map<String, Parameter> params = TorchvisionNames.of(served.getBlock());
            assertEquals(trained.size(), params.size());
            int differ = 0;
            for (Map.Entry<String, Parameter> e : params.entrySet()) {
                float[] exported = e.getValue().getArray().toType(ai.djl.ndarray.types.DataType.FLOAT32, false)
                        .toFloatArray();
                assertArrayEquals(ema.get(e.getKey()).toFloatArray(), exported, 0f, e.getKey());
                if (!java.util.Arrays.equals(exported, trained.get(e.getKey()).toFloatArray())) {
                    differ++;
                }
            }
            assertTrue(differ > params.size() / 2, "only " + differ + " tensors differ from the trained weights");
        }
        assertFalse(Files.exists(run.checkpoints().resolve("ckpt_0000006.tmp")));
    }

    /** The named tensors of a safetensors file, on {@code m}. */
    static Map<String, NDArray> read(Path file, NDManager m) throws java.io.IOException {
        Map<String, NDArray> out = new HashMap<>();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            for (NDArray a : NDList.decode(m, in)) {
                out.put(a.getName(), a);
            }
        }
        return out;
    }
}
