package dev.retinaj.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.retinaj.config.ConfigLoader;
import dev.retinaj.config.RetinaConfig;
import dev.retinaj.data.HostBatch;
import dev.retinaj.data.ImageInfo;
import dev.retinaj.data.RgbImage;
import dev.retinaj.data.Sample;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvalInputTest {
    @Test
    void resizesAsEvaluationDoesAndPadsTheBatch() {
        RetinaConfig cfg = ConfigLoader.load(null, List.of("test.min_size=64", "test.max_size=100",
                "data.size_divisibility=32"));
        EvalInput input = new EvalInput(cfg);
        Sample s = input.sample(new RgbImage(200, 90, new byte[3 * 200 * 90]), 7, "x", Path.of("x.png"));
        // the shorter side to 64 would make the longer 142 > 100: capped at 100, scale 0.5
        assertEquals(new ImageInfo(7, "x", Path.of("x.png"), 200, 90, 100, 45, 0.5, false), s.info());
        HostBatch b = input.batch(List.of(s, s));
        assertEquals(List.of(2, 128, 64), List.of(b.batchSize(), b.width(), b.height()));
    }
}
