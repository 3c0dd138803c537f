package dev.retinaj.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.retinaj.config.AugmentConfig;
import dev.retinaj.config.DataConfig.OnBadSample;
import dev.retinaj.data.augment.Augmenter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AugmentedLoaderTest {
    @TempDir
    static Path tmp;
    static List<DetectionRecord> records;

    @BeforeAll
    static void data() {
        records = TestShapes.trainRecords(tmp.resolve("shapes"), new ShapesParams(16, 1, 64, 8, 1.0));
    }

    private static BatchLoader loader(boolean augment, int workers) {
        TransformSpec spec = new TransformSpec(List.of(48, 64), 100, 0.5, 32, new float[] {0.5f, 0.5f, 0.5f},
                new float[] {0.25f, 0.25f, 0.25f});
        AugmentConfig cfg = new AugmentConfig(new AugmentConfig.ScaleJitter(0.5, 0.3, 2, 0.5),
                new AugmentConfig.Crop(0.5, 0.4, 0.5), new AugmentConfig.Photometric(0.5, 0.3, 0.3, 0.3, 0.05),
                new AugmentConfig.Expand(0.3, 2), new AugmentConfig.Mosaic(0.5, 0.3));
        SampleLoader sl = new SampleLoader(spec, augment ? new Augmenter(cfg, Augmenter.fillOf(spec.mean())) : null);
        return new BatchLoader(records, sl,
                new BatchLoader.Options(4, 17, true, workers, 2, new BadSamples(OnBadSample.FAIL)));
    }

    private static List<HostBatch> take(BatchLoader l, long from, int n) {
        List<HostBatch> out = new ArrayList<>();
        Iterator<HostBatch> it = l.iterate(from);
        for (int i = 0; i < n; i++) {
            out.add(it.next());
        }
        return out;
    }

    @Test
    void aResumedAugmentedStreamIsBitIdentical() {
        List<HostBatch> fresh;
        List<HostBatch> resumed;
        try (BatchLoader a = loader(true, 2); BatchLoader b = loader(true, 1)) {
            fresh = take(a, 0, 10);
            resumed = take(b, 6, 4);
        }
        for (int i = 0; i < 4; i++) {
            HostBatch x = fresh.get(6 + i);
            HostBatch y = resumed.get(i);
            assertEquals(x.infos(), y.infos());
            assertArrayEquals(x.images(), y.images());
            assertArrayEquals(x.boxes(), y.boxes());
            assertArrayEquals(x.labels(), y.labels());
            assertArrayEquals(x.ignore(), y.ignore());
        }
    }

    @Test
    void augmentationChangesSamplesButNotTheOrder() {
        try (BatchLoader plain = loader(false, 0); BatchLoader aug = loader(true, 0)) {
            assertArrayEquals(plain.order(2), aug.order(2));
            List<HostBatch> p = take(plain, 0, 4);
            List<HostBatch> a = take(aug, 0, 4);
            int same = 0;
            for (int i = 0; i < 4; i++) {
                same += java.util.Arrays.equals(p.get(i).images(), a.get(i).images()) ? 1 : 0;
            }
            assertFalse(same == 4);
        }
    }
}
