package dev.retinaj.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retinaj.config.DataConfig.Format;
import dev.retinaj.config.DataConfig.OnBadSample;
import dev.retinaj.util.UsageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataConverterTest {
    @TempDir
    Path tmp;

    private static BadSamples fail() {
        return new BadSamples(OnBadSample.FAIL);
    }

    private static void assertSameRecords(List<DetectionRecord> a, List<DetectionRecord> b, float eps) {
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            DetectionRecord x = a.get(i);
            DetectionRecord y = b.get(i);
            assertEquals(x.name(), y.name());
            assertEquals(x.width(), y.width());
            assertEquals(x.height(), y.height());
            assertArrayEquals(x.labels(), y.labels(), x.name());
            assertArrayEquals(x.boxes(), y.boxes(), eps, x.name());
            assertArrayEquals(x.crowd(), y.crowd(), x.name());
        }
    }

    @Test
    void vocToCocoToVocPreservesEveryBoxClassAndDifficultFlag() {
        Path devkit = DataFixtures.voc(tmp);
        DataInput voc = new DataInput(Format.VOC, devkit.resolve("VOC2007"), null, null);
        Path coco = tmp.resolve("coco");
        DataConverter.Result r = DataConverter.convert(voc, List.of(), Format.COCO, coco, fail());
        assertEquals(Map.of("test", 1, "trainval", 2), r.imagesPerSplit());
        assertEquals(10, r.boxes());
        assertTrue(Files.isRegularFile(coco.resolve("annotations/instances_trainval.json")));
        assertTrue(Files.isRegularFile(coco.resolve("trainval/000005.jpg")));

        Path back = tmp.resolve("back/VOC2007");
        DataConverter.convert(new DataInput(Format.COCO, coco, null, null), List.of(), Format.VOC, back, fail());
        for (String split : List.of("trainval", "test")) {
            LoadedSplit before = VocReader.read(List.of(new VocReader.Part(devkit.resolve("VOC2007"), split)), null, fail());
            LoadedSplit after = VocReader.read(List.of(new VocReader.Part(back, split)), null, fail());
            assertEquals(before.classNames(), after.classNames());
            assertSameRecords(before.records(), after.records(), 0f);
        }
        // the COCO side holds the 0-based boxes and the flags as iscrowd
        LoadedSplit mid = new DataInput(Format.COCO, coco.resolve("annotations/instances_trainval.json"), null, null)
                .read(List.of(), fail());
        assertArrayEquals(new float[] {262, 210, 324, 339}, java.util.Arrays.copyOf(mid.records().get(0).boxes(), 4));
        assertArrayEquals(new boolean[] {false, false, true, false, true}, mid.records().get(0).crowd());
        assertEquals(List.of("000005", "000007"), mid.records().stream().map(DetectionRecord::name).toList());
    }

    @Test
    void cocoToVocKeepsSparseCategoryNamesAndCrowdAsDifficult() {
        Path root = DataFixtures.coco(tmp);
        DataInput coco = new DataInput(Format.COCO, root.resolve("annotations/instances_val.json"), null, null);
        Path voc = tmp.resolve("voc/VOC2007");
        DataConverter.convert(coco, List.of(), Format.VOC, voc, fail());
        LoadedSplit a = coco.read(List.of(), fail());
        LoadedSplit b = new DataInput(Format.VOC, voc, null, a.classNames()).read(List.of("val"), fail());
        assertSameRecords(a.records(), b.records(), 1e-4f);
        assertTrue(b.records().get(0).crowd()[2]);
    }

    @Test
    void yoloRoundTripKeepsNonCrowdBoxesWithinFloatPrecision() {
        Path devkit = DataFixtures.voc(tmp);
        DataInput voc = new DataInput(Format.VOC, devkit.resolve("VOC2007"), null, null);
        Path yolo = tmp.resolve("yolo");
        DataConverter.Result r = DataConverter.convert(voc, List.of("trainval"), Format.YOLO, yolo, fail());
        assertEquals(2, r.droppedCrowd());
        LoadedSplit y = YoloReader.read(yolo.resolve("data.yaml"), List.of("trainval"), null, fail());
        assertEquals(ClassList.VOC, y.classNames());
        LoadedSplit v = VocReader.read(List.of(new VocReader.Part(devkit.resolve("VOC2007"), "trainval")), null, fail());
        DetectionRecord before = v.records().get(0);
        DetectionRecord after = y.records().get(0);
        assertEquals(3, after.numBoxes());
        assertArrayEquals(new float[] {262, 210, 324, 339, 164, 263, 253, 372, 240, 193, 295, 299}, after.boxes(), 1e-3f);
        assertEquals(before.boxes()[4 * 3], after.boxes()[4 * 2], 1e-3f);
    }

    @Test
    void refusesToWriteIntoAFullFolder() throws Exception {
        Path devkit = DataFixtures.voc(tmp);
        Path out = Files.createDirectories(tmp.resolve("full"));
        Files.writeString(out.resolve("x"), "x");
        assertThrows(UsageException.class, () -> DataConverter.convert(
                new DataInput(Format.VOC, devkit.resolve("VOC2007"), null, null), List.of(), Format.COCO, out, fail()));
    }
}
