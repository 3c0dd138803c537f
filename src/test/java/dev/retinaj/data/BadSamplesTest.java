package dev.retinaj.data;

import dev.retinaj.util.UsageException;
import dev.retinaj.util.BadFileException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retinaj.config.ConfigLoader;
import dev.retinaj.config.DataConfig;
import dev.retinaj.config.DataConfig.OnBadSample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Malformed files, missing images and degenerate boxes: a one-line error under fail, a counted skip under skip. */
class BadSamplesTest {
    @TempDir
    Path tmp;

    private static void assertOneLine(RuntimeException e, String file, String reason) {
        assertTrue(e.getMessage().contains(file), e.getMessage());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    private static List<String> trainval = List.of("VOC2007/trainval");

    @Test
    void malformedVocXml() throws Exception {
        Path devkit = DataFixtures.voc(tmp);
        Files.writeString(devkit.resolve("VOC2007/Annotations/000007.xml"), "<annotation><size><width>5</wid");
        BadFileException e = assertThrows(BadFileException.class,
                () -> VocReader.read(devkit, trainval, null, new BadSamples(OnBadSample.FAIL)));
        assertOneLine(e, "000007.xml", "malformed XML");
        LoadedSplit s = VocReader.read(devkit, trainval, null, new BadSamples(OnBadSample.SKIP));
        assertEquals(1, s.records().size());
        assertEquals(1, s.report().problems().size());
    }

    @Test
    void missingVocImage() throws Exception {
        Path devkit = DataFixtures.voc(tmp);
        Files.delete(devkit.resolve("VOC2007/JPEGImages/000005.jpg"));
        BadFileException e = assertThrows(BadFileException.class,
                () -> VocReader.read(devkit, trainval, null, new BadSamples(OnBadSample.FAIL)));
        assertOneLine(e, "000005.jpg", "image file not found");
        LoadedSplit s = VocReader.read(devkit, trainval, null, new BadSamples(OnBadSample.SKIP));
        assertEquals(List.of("000007"), s.records().stream().map(DetectionRecord::name).toList());
    }

    @Test
    void zeroWidthVocBoxIsDroppedNotTheImage() throws Exception {
        Path devkit = DataFixtures.voc(tmp);
        Path xml = devkit.resolve("VOC2007/Annotations/000007.xml");
        Files.writeString(xml, Files.readString(xml).replace("<xmax>500</xmax>", "<xmax>140</xmax>"));
        BadFileException e = assertThrows(BadFileException.class,
                () -> VocReader.read(devkit, trainval, null, new BadSamples(OnBadSample.FAIL)));
        assertOneLine(e, "000007.xml", "degenerate box");
        LoadedSplit s = VocReader.read(devkit, trainval, null, new BadSamples(OnBadSample.SKIP));
        assertEquals(2, s.records().size());
        assertEquals(0, s.records().get(1).numBoxes());
        assertEquals(1, s.report().problems().size());
    }

    @Test
    void boxesOutsideTheImageAreClippedAndCounted() throws Exception {
        Path devkit = DataFixtures.voc(tmp);
        Path xml = devkit.resolve("VOC2007/Annotations/000007.xml");
        Files.writeString(xml, Files.readString(xml).replace("<xmax>500</xmax>", "<xmax>530</xmax>"));
        LoadedSplit s = VocReader.read(devkit, trainval, null, new BadSamples(OnBadSample.FAIL));
        assertEquals(500f, s.records().get(1).boxes()[2]);
        assertEquals(1, s.report().clippedBoxes());
    }

    @Test
    void duplicateIdsAreSkipped() {
        Path devkit = DataFixtures.voc(tmp);
        BadSamples bad = new BadSamples(OnBadSample.SKIP);
        LoadedSplit s = VocReader.read(devkit, List.of("VOC2007/trainval", "VOC2007/trainval"), null, bad);
        assertEquals(2, s.records().size());
        assertEquals(2, s.report().problems().size());
        assertTrue(s.report().problems().get(0).reason().contains("duplicate"));
    }

    @Test
    void malformedCocoJsonMissingImageAndZeroWidthBox() throws Exception {
        Path root = DataFixtures.coco(tmp);
        Path json = root.resolve("annotations/instances_val.json");
        List<CocoReader.Part> parts = List.of(new CocoReader.Part(json, root.resolve("val")));
        String good = Files.readString(json);

        Files.writeString(json, good.substring(0, good.length() / 2));
        BadFileException e = assertThrows(BadFileException.class, () -> CocoReader.read(parts, null, true, new BadSamples(OnBadSample.FAIL)));
        assertOneLine(e, "instances_val.json", "malformed COCO JSON");
        LoadedSplit s = CocoReader.read(parts, null, true, new BadSamples(OnBadSample.SKIP));
        assertEquals(0, s.records().size());
        assertEquals(1, s.report().problems().size());

        Files.writeString(json, good.replace("\"bbox\": [10.0,20.0,40.0,60.0]", "\"bbox\": [10.0,20.0,0.0,60.0]"));
        e = assertThrows(BadFileException.class, () -> CocoReader.read(parts, null, true, new BadSamples(OnBadSample.FAIL)));
        assertOneLine(e, "instances_val.json", "degenerate box [10, 20, 10, 80]");
        s = CocoReader.read(parts, null, true, new BadSamples(OnBadSample.SKIP));
        assertEquals(3, s.records().size());
        assertEquals(4, s.report().boxes());

        Files.writeString(json, good);
        Files.delete(root.resolve("val/000000037777.jpg"));
        e = assertThrows(BadFileException.class, () -> CocoReader.read(parts, null, true, new BadSamples(OnBadSample.FAIL)));
        assertOneLine(e, "000000037777.jpg", "image file not found");
        s = CocoReader.read(parts, null, true, new BadSamples(OnBadSample.SKIP));
        assertEquals(2, s.records().size());
    }

    @Test
    void malformedYoloLineAndUnknownClassIndex() throws Exception {
        Path root = DataFixtures.yolo(tmp);
        Path yaml = root.resolve("data.yaml");
        Files.writeString(root.resolve("labels/train/img2.txt"), "1 0.75 0.25\n");
        BadFileException e = assertThrows(BadFileException.class, () -> YoloReader.read(yaml, List.of("train"), null,
                new BadSamples(OnBadSample.FAIL)));
        assertOneLine(e, "img2.txt", "line 1: expected 'class cx cy w h'");
        LoadedSplit s = YoloReader.read(yaml, List.of("train"), null, new BadSamples(OnBadSample.SKIP));
        assertEquals(List.of("img1", "img4"), s.records().stream().map(DetectionRecord::name).toList());

        Files.writeString(root.resolve("labels/train/img2.txt"), "7 0.75 0.25 0.5 0.5\n");
        e = assertThrows(BadFileException.class, () -> YoloReader.read(yaml, List.of("train"), null,
                new BadSamples(OnBadSample.FAIL)));
        assertOneLine(e, "img2.txt", "unknown class index 7");
    }

    @Test
    void duplicateCocoImageIdsAreSkipped() throws Exception {
        Path root = DataFixtures.coco(tmp);
        Path json = root.resolve("annotations/instances_val.json");
        Files.writeString(json, Files.readString(json).replace("\"id\": 252219}", "\"id\": 37777}"));
        List<CocoReader.Part> parts = List.of(new CocoReader.Part(json, root.resolve("val")));
        BadFileException e = assertThrows(BadFileException.class, () -> CocoReader.read(parts, null, true, new BadSamples(OnBadSample.FAIL)));
        assertOneLine(e, "instances_val.json", "duplicate image id 37777");
        assertEquals(2, CocoReader.read(parts, null, true, new BadSamples(OnBadSample.SKIP)).records().size());
    }

    @Test
    void vocClassesWithoutAConfiguredListAreTheSameForTrainAndVal() throws Exception {
        Path devkit = DataFixtures.voc(tmp);
        Path xml = devkit.resolve("VOC2007/Annotations/000009.xml");
        Files.writeString(xml, Files.readString(xml).replace("<name>horse</name>", "<name>zebra</name>"));
        DataConfig d = ConfigLoader.load(null, List.of("data.format=voc", "data.root=" + devkit,
                "data.train=[VOC2007/trainval]", "data.val=[VOC2007/test]")).data();
        List<String> expected = List.of("car", "chair", "person", "zebra");
        assertEquals(expected, DataSource.train(d).classNames());
        assertEquals(expected, DataSource.val(d).classNames());
    }

    @Test
    void dataSourceGeneratesTheShapesSetWhenAbsentAndFailsClearlyOnNoData() {
        Path root = tmp.resolve("shapes");
        DataConfig d = ConfigLoader.load(null, List.of("data.root=" + root, "data.train=[train]", "data.val=[val]",
                "data.shapes.generate=true", "data.shapes.train=6", "data.shapes.val=2", "data.shapes.size=64",
                "data.shapes.seed=4")).data(); // seed 4: one of the 6 training images is empty
        LoadedSplit train = DataSource.train(d);
        assertEquals(6, train.records().size());
        assertEquals(ShapesGenerator.classNames(), train.classNames());
        assertEquals(2, DataSource.val(d).records().size());
        DataConfig voc = ConfigLoader.load(null, List.of("data.format=voc", "data.root=" + root.resolve("VOCdevkit"),
                "data.train=[VOC2007/trainval]")).data();
        assertEquals(8, DataSource.train(voc).records().size());
        DataConfig coco = ConfigLoader.load(null, List.of("data.root=" + root, "data.train=[train]", "data.val=[val]",
                "data.keep_empty=false")).data();
        // keep_empty=false filters training images only; evaluation keeps every image
        long emptyInTrain = train.records().stream().filter(r -> r.numBoxes() == 0).count();
        assertEquals(1, emptyInTrain);
        assertEquals(6 - emptyInTrain, DataSource.train(coco).records().size());
        assertEquals(2, DataSource.val(coco).records().size());
        DataConfig none = ConfigLoader.load(null, List.of("data.root=" + tmp.resolve("nothing"), "data.train=[train]")).data();
        UsageException e = assertThrows(UsageException.class, () -> DataSource.train(none));
        assertOneLine(e, "instances_train.json", "not found");
    }
}
