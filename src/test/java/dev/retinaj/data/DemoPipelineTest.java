package dev.retinaj.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.retinaj.config.ConfigLoader;
import dev.retinaj.config.RetinaConfig;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo config's path from config to device batches, as the trainer walks it. */
class DemoPipelineTest {
    @TempDir
    Path tmp;

    @Test
    void demoConfigGeneratesLoadsAndBatchesToTheDevice() {
        RetinaConfig cfg = ConfigLoader.load(Path.of("configs/shapes_r18_fpn_demo.yaml"), List.of(
                "data.root=" + tmp.resolve("shapes"), "data.shapes.train=12", "data.shapes.val=3",
                "train.batch_size=4"));
        LoadedSplit train = DataSource.train(cfg.data());
        LoadedSplit val = DataSource.val(cfg.data());
        assertEquals(12, train.records().size());
        assertEquals(3, val.records().size());
        assertEquals(List.of("circle", "cross", "square", "triangle"), train.classNames());
        try (BatchLoader loader = BatchLoader.training(train, cfg); NDManager m = NDManager.newBaseManager()) {
            assertEquals(3, loader.batchesPerEpoch());
            Iterator<HostBatch> it = loader.iterate(0);
            for (int i = 0; i < 4; i++) {
                HostBatch hb = it.next();
                try (DeviceBatch d = hb.toDevice(m)) {
                    assertEquals(new Shape(4, 3, 320, 320), d.images().getShape()); // 320 is a multiple of the demo's 32
                    assertEquals(4, d.boxes().getShape().get(0));
                    assertTrue(d.boxes().getShape().get(1) >= 1);
                }
            }
        }
        try (BatchLoader eval = BatchLoader.evaluation(val, cfg)) {
            Iterator<HostBatch> it = eval.epoch(0);
            int n = 0;
            while (it.hasNext()) {
                HostBatch b = it.next();
                n += b.batchSize();
                assertEquals(320, b.infos().get(0).width());
            }
            assertEquals(3, n);
        }
    }
}
