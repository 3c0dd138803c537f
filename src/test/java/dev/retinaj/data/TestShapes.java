package dev.retinaj.data;

import dev.retinaj.config.DataConfig.OnBadSample;
import java.nio.file.Path;
import java.util.List;

/** A generated shapes set for loader tests: its training records, read back through the COCO reader. */
final class TestShapes {
    private TestShapes() {}

    static List<DetectionRecord> trainRecords(Path out, ShapesParams p) {
        ShapesGenerator.generate(out, p);
        return CocoReader.read(List.of(new CocoReader.Part(out.resolve("annotations/instances_train.json"),
                out.resolve("train"))), null, true, new BadSamples(OnBadSample.FAIL)).records();
    }
}
