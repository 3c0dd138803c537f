package dev.retinaj.data;

import dev.retinaj.util.BadFileException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retinaj.config.DataConfig.OnBadSample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Values a lenient reader would bend into something else are problems: ids, keys, names, numbers. */
class StrictDataTest {
    @TempDir
    Path tmp;

    private static final String IMAGES = "\"images\":[{\"id\":1,\"file_name\":\"a.jpg\",\"width\":40,\"height\":30},"
            + "{\"id\":2,\"file_name\":\"b.jpg\",\"width\":40,\"height\":30}]";

    private LoadedSplit coco(String body, BadSamples bad) throws Exception {
        Path root = tmp.resolve("coco");
        DataFixtures.image(root.resolve("val/a.jpg"), 40, 30);
        DataFixtures.image(root.resolve("val/b.jpg"), 40, 30);
        Path json = root.resolve("annotations/instances_val.json");
        Files.createDirectories(json.getParent());
        Files.writeString(json, "{" + body + "}");
        return CocoReader.read(List.of(new CocoReader.Part(json, root.resolve("val"), DataPaths.within(root))),
                null, true, bad);
    }

    private static String ann(int id, String imageId, String categoryId, String bbox) {
        return "{\"id\":" + id + ",\"image_id\":" + imageId + ",\"category_id\":" + categoryId + ",\"bbox\":" + bbox + "}";
    }

    private static List<String> reasons(LoadedSplit s) {
        return s.report().problems().stream().map(Problem::reason).toList();
    }

    @Test
    void cocoNonIntegerIdsAreProblemsNotTruncated() throws Exception {
        String body = "\"images\":[{\"id\":1,\"file_name\":\"a.jpg\",\"width\":40,\"height\":30},"
                + "{\"id\":41.9,\"file_name\":\"b.jpg\",\"width\":40,\"height\":30}],"
                + "\"annotations\":[" + ann(1, "1", "1", "[1,1,10,10]") + "," + ann(2, "1", "1.5", "[2,2,10,10]") + ","
                + ann(3, "1", "2.0", "[3,3,10,10]") + "],"
                + "\"categories\":[{\"id\":1,\"name\":\"a\"},{\"id\":2,\"name\":\"b\"}]";
        LoadedSplit s = coco(body, BadSamples.collecting());
        assertEquals(List.of(1L), s.records().stream().map(DetectionRecord::id).toList());
        assertEquals(List.of("images[1]: id 41.9 is not a whole number",
                "annotations[1]: category_id 1.5 is not a whole number"), reasons(s));
        assertEquals(2, s.records().get(0).numBoxes(), "2.0 is category 2");
        assertEquals(1, s.records().get(0).labels()[1]);
        BadFileException e = assertThrows(BadFileException.class, () -> coco(body, new BadSamples(OnBadSample.FAIL)));
        assertTrue(e.getMessage().endsWith("instances_val.json: images[1]: id 41.9 is not a whole number"
                + " (data.on_bad_sample: fail)"), e.getMessage());
    }

    @Test
    void cocoDuplicateKeysMakeTheFileMalformed() throws Exception {
        LoadedSplit s = coco(IMAGES + ",\"images\":[],\"annotations\":[],\"categories\":[]", BadSamples.collecting());
        assertEquals(0, s.records().size());
        assertEquals(1, reasons(s).size());
        assertTrue(reasons(s).get(0).startsWith("malformed COCO JSON: Duplicate field 'images' (line 1, column"),
                reasons(s).toString());
        s = coco("\"images\":[{\"id\":1,\"id\":2,\"file_name\":\"a.jpg\"}],\"annotations\":[],\"categories\":[]",
                BadSamples.collecting());
        assertTrue(reasons(s).get(0).contains("Duplicate field 'id'"), reasons(s).toString());
    }

    @Test
    void cocoDuplicateAndEmptyCategoryNamesAreProblemsNotMergedClasses() throws Exception {
        String body = IMAGES + ",\"annotations\":[" + ann(1, "1", "1", "[1,1,10,10]") + "," + ann(2, "2", "3", "[1,1,10,10]")
                + "," + ann(3, "2", "4", "[1,1,10,10]") + "],"
                + "\"categories\":[{\"id\":1,\"name\":\"cat\"},{\"id\":3,\"name\":\"cat\"},{\"id\":4,\"name\":\" \"}]";
        LoadedSplit s = coco(body, BadSamples.collecting());
        assertEquals(List.of("cat"), s.classNames());
        assertEquals(List.of("categories[2]: category id 4 has an empty or missing name",
                "category id 3 has the same name 'cat' as category id 1; it is left out",
                "annotation 2 has unknown category id 3", "annotation 3 has unknown category id 4"), reasons(s));
    }

    @Test
    void cocoNonFiniteAndNonNumberBoxValuesAreProblems() throws Exception {
        String body = IMAGES + ",\"annotations\":[" + ann(1, "1", "1", "[1e999,1,10,10]") + ","
                + ann(2, "1", "1", "[1,\"2\",10,10]") + "," + ann(3, "2", "1", "[3e38,1,3e38,10]") + "],"
                + "\"categories\":[{\"id\":1,\"name\":\"a\"}]";
        LoadedSplit s = coco(body, BadSamples.collecting());
        assertEquals(0, s.report().boxes());
        List<String> r = reasons(s);
        assertEquals(3, r.size(), r.toString());
        assertTrue(r.get(0).startsWith("annotations[0]: annotation 1 bbox [") && r.get(0).endsWith("non-number value"), r.get(0));
        assertTrue(r.get(1).startsWith("annotations[1]: annotation 2 bbox [1,\"2\",10,10]"), r.get(1));
        assertTrue(r.get(2).contains("is not a number"), r.get(2)); // x + w overflows float: caught by the box check
    }

    @Test
    void vocEmptyNameAndNanCoordinateDropTheBoxNotTheImage() throws Exception {
        Path devkit = DataFixtures.voc(tmp);
        Path xml = devkit.resolve("VOC2007/Annotations/000007.xml");
        String text = Files.readString(xml);
        Files.writeString(xml, text.replaceFirst("(<object>\\s*<name>)[^<]*(</name>)", "$1$2"));
        Path xml5 = devkit.resolve("VOC2007/Annotations/000005.xml");
        Files.writeString(xml5, Files.readString(xml5).replaceFirst("<xmin>[^<]*</xmin>", "<xmin>NaN</xmin>"));
        LoadedSplit s = VocReader.read(devkit, List.of("VOC2007/trainval"), null, BadSamples.collecting());
        assertFalse(s.classNames().contains(""), s.classNames().toString());
        assertEquals(2, s.records().size());
        assertTrue(reasons(s).contains("an <object> has an empty <name>; its box is left out"), reasons(s).toString());
        assertTrue(reasons(s).stream().anyMatch(r -> r.startsWith("box [NaN,") && r.endsWith("is not a number")),
                reasons(s).toString());
        assertThrows(BadFileException.class, () -> VocReader.read(devkit, List.of("VOC2007/trainval"), null,
                new BadSamples(OnBadSample.FAIL)));
    }

    @Test
    void yoloRepeatedOrEmptyNamesAndNanValuesAreProblems() throws Exception {
        Path y = DataFixtures.yolo(tmp);
        Files.writeString(y.resolve("data.yaml"), "path: .\ntrain: images/train\nnames: [person, person, '']\n");
        Files.writeString(y.resolve("labels/train/img1.txt"), "0 0.5 0.5 0.2 0.2\n1 0.5 0.5 0.2 0.2\n0 NaN 0.5 0.2 0.2\n");
        LoadedSplit s = YoloReader.read(y.resolve("data.yaml"), List.of("train"), null, BadSamples.collecting());
        DetectionRecord img1 = s.records().stream().filter(r -> r.name().equals("img1")).findFirst().orElseThrow();
        assertEquals(1, img1.numBoxes());
        List<String> r = reasons(s);
        assertTrue(r.contains("names: class 1 'person' repeats class 0; its boxes are left out"), r.toString());
        assertTrue(r.contains("names: class 2 has an empty name; its boxes are left out"), r.toString());
        assertTrue(r.contains("class 1 has an empty or repeated name (see names); box left out"), r.toString());
        assertTrue(r.stream().anyMatch(x -> x.startsWith("box [NaN")), r.toString());
    }

    @Test
    void loadReportCountsEverySkipAndListsTheFirstTwenty() {
        BadSamples bad = BadSamples.collecting();
        for (int i = 0; i < 25; i++) {
            bad.report(Path.of("img" + i + ".jpg"), "truncated JPEG (no end-of-image marker)");
        }
        LoadReport r = LoadReport.of(List.of(), bad);
        assertEquals(25, r.skipped());
        assertEquals(20, r.firstSkipped().size());
        assertEquals("img19.jpg: truncated JPEG (no end-of-image marker)", r.firstSkipped().get(19));
        assertEquals(25, r.summary().get("skipped"));
        LoadReport more = r.plus(List.of(new Problem("x.jpg", "undecodable image")));
        assertEquals(26, more.skipped());
        assertEquals(20, ((List<?>) more.summary().get("first_skipped")).size());
    }
}
