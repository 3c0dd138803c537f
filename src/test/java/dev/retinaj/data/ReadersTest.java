package dev.retinaj.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retinaj.config.DataConfig.OnBadSample;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadersTest {
    @TempDir
    Path tmp;

    private static final float EPS = 1e-4f;

    @Test
    void vocJoinsYearsAndSplitsWithZeroBasedBoxesAndDifficultFlags() {
        Path devkit = DataFixtures.voc(tmp);
        LoadedSplit s = VocReader.read(devkit, List.of("VOC2007/trainval", "VOC2012/trainval"), null,
                new BadSamples(OnBadSample.FAIL));
        assertEquals(ClassList.VOC, s.classNames());
        assertEquals(3, s.records().size());
        DetectionRecord r = s.records().get(0);
        assertEquals("000005", r.name());
        assertEquals(1, r.id());
        assertEquals(500, r.width());
        assertEquals(375, r.height());
        assertEquals(5, r.numBoxes());
        int chair = ClassList.VOC.indexOf("chair");
        assertArrayEquals(new int[] {chair, chair, chair, chair, chair}, r.labels());
        assertArrayEquals(new float[] {262, 210, 324, 339}, java.util.Arrays.copyOf(r.boxes(), 4), EPS);
        assertArrayEquals(new boolean[] {false, false, true, false, true}, r.crowd());
        DetectionRecord voc12 = s.records().get(2);
        assertEquals("2008_000008", voc12.name());
        assertEquals(442, voc12.height());
        assertArrayEquals(new float[] {52, 86, 471, 420, 157, 43, 289, 167}, voc12.boxes(), EPS);
        assertArrayEquals(new int[] {ClassList.VOC.indexOf("horse"), ClassList.VOC.indexOf("person")}, voc12.labels());
        assertEquals(8, s.report().boxes());
        assertTrue(s.report().problems().isEmpty());
    }

    @Test
    void vocDiscoversNonVocClassesSortedAndTakesAConfiguredList() {
        Path devkit = DataFixtures.voc(tmp);
        LoadedSplit s = VocReader.read(devkit, List.of("VOC2007/test"), List.of("person", "horse"),
                new BadSamples(OnBadSample.FAIL));
        assertEquals(List.of("person", "horse"), s.classNames());
        assertArrayEquals(new int[] {1, 0, 0, 0}, s.records().get(0).labels());
        assertArrayEquals(new long[] {1, 2}, s.categoryIds());
    }

    @Test
    void vocUnknownClassIsDroppedAndCountedUnderSkip() {
        Path devkit = DataFixtures.voc(tmp);
        BadSamples bad = new BadSamples(OnBadSample.SKIP);
        LoadedSplit s = VocReader.read(devkit, List.of("VOC2007/test"), List.of("person"), bad);
        assertEquals(3, s.records().get(0).numBoxes());
        assertEquals(1, s.report().problems().size());
        assertTrue(s.report().problems().get(0).reason().contains("unknown class 'horse'"));
        assertTrue(s.report().problems().get(0).file().endsWith("000009.xml"));
    }

    @Test
    void cocoMapsSparseCategoryIdsInAscendingOrderAndKeepsCrowd() {
        Path root = DataFixtures.coco(tmp);
        LoadedSplit s = CocoReader.read(List.of(new CocoReader.Part(root.resolve("annotations/instances_val.json"),
                root.resolve("val"))), null, true, new BadSamples(OnBadSample.FAIL));
        assertEquals(List.of("person", "bottle", "microwave"), s.classNames());
        assertArrayEquals(new long[] {1, 44, 78}, s.categoryIds());
        assertEquals(3, s.records().size());
        DetectionRecord r = s.records().get(0);
        assertEquals(397133, r.id());
        assertEquals("000000397133", r.name());
        assertEquals(640, r.width());
        assertEquals(427, r.height());
        assertArrayEquals(new int[] {1, 0, 0}, r.labels());
        assertArrayEquals(new boolean[] {false, false, true}, r.crowd());
        assertArrayEquals(new float[] {217.62f, 240.54f, 217.62f + 38.99f, 240.54f + 57.75f},
                java.util.Arrays.copyOf(r.boxes(), 4), 1e-3f);
        assertArrayEquals(new int[] {2, 2}, s.records().get(1).labels());
        assertEquals(0, s.records().get(2).numBoxes());
        assertEquals(5, s.report().boxes());
    }

    @Test
    void cocoDropsEmptyImagesWithoutKeepEmptyAndSelectsClassesByName() {
        Path root = DataFixtures.coco(tmp);
        List<CocoReader.Part> parts = List.of(new CocoReader.Part(root.resolve("annotations/instances_val.json"),
                root.resolve("val")));
        LoadedSplit s = CocoReader.read(parts, List.of("microwave", "person"), false, new BadSamples(OnBadSample.FAIL));
        assertEquals(List.of("microwave", "person"), s.classNames());
        assertArrayEquals(new long[] {78, 1}, s.categoryIds());
        assertEquals(2, s.records().size());
        assertArrayEquals(new int[] {1, 1}, s.records().get(0).labels());
        assertArrayEquals(new int[] {0, 0}, s.records().get(1).labels());
    }

    @Test
    void yoloReadsNormalisedBoxesNamesMapAndMissingLabelFiles() {
        Path root = DataFixtures.yolo(tmp);
        LoadedSplit s = YoloReader.read(root.resolve("data.yaml"), List.of("train"), null, new BadSamples(OnBadSample.FAIL));
        assertEquals(List.of("person", "bicycle", "car"), s.classNames());
        assertEquals(3, s.records().size());
        DetectionRecord img1 = s.records().get(0);
        assertEquals("img1", img1.name());
        assertEquals(200, img1.width());
        assertEquals(100, img1.height());
        assertArrayEquals(new float[] {75, 25, 125, 75, 0, 10, 40, 30}, img1.boxes(), EPS);
        assertArrayEquals(new int[] {0, 2}, img1.labels());
        DetectionRecord img2 = s.records().get(1);
        assertArrayEquals(new float[] {32, 0, 64, 32}, img2.boxes(), EPS);
        assertEquals(0, s.records().get(2).numBoxes());
        LoadedSplit all = YoloReader.read(root.resolve("data.yaml"), List.of(), null, new BadSamples(OnBadSample.FAIL));
        assertEquals(4, all.records().size());
    }

    @Test
    void yoloTakesNamesFromClassesTxtWithoutNamesInTheYaml() throws Exception {
        Path root = DataFixtures.yolo(tmp);
        java.nio.file.Files.writeString(root.resolve("data.yaml"), "train: images/train\nval: images/val\n");
        java.nio.file.Files.writeString(root.resolve("classes.txt"), "a\nb\nc\n");
        LoadedSplit s = YoloReader.read(root.resolve("data.yaml"), List.of("val"), null, new BadSamples(OnBadSample.FAIL));
        assertEquals(List.of("a", "b", "c"), s.classNames());
        assertArrayEquals(new float[] {0, 0, 80, 60}, s.records().get(0).boxes(), EPS);
    }

    @Test
    void yoloLabelPathReplacesTheLastImagesFolder() {
        Path p = YoloReader.labelFor(Path.of("/d/images/x/images/train/a.b.jpg"));
        assertEquals(Path.of("/d/images/x/labels/train/a.b.txt"), p);
        assertFalse(YoloReader.isImage(Path.of("a.txt")));
    }
}
