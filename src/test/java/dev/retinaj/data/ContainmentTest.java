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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every path a data set names stays inside its root. The "secret" outside is a text file named
 * like an image: had a reader opened it, the problem would be an unreadable image, not the escape.
 */
class ContainmentTest {
    static final String SECRET = "TOP-SECRET-42";

    @TempDir
    Path tmp;
    Path root;
    Path secret;

    @BeforeEach
    void layout() throws Exception {
        root = tmp.resolve("set");
        Files.createDirectories(tmp.resolve("outside"));
        secret = Files.writeString(tmp.resolve("outside/secret.jpg"), SECRET);
        DataFixtures.image(root.resolve("val/a.jpg"), 40, 30);
    }

    /** A COCO set at {@code root} with one 10×10 box per image. */
    static Path coco(Path root, String... fileNames) throws Exception {
        StringBuilder im = new StringBuilder();
        StringBuilder an = new StringBuilder();
        for (int i = 0; i < fileNames.length; i++) {
            String sep = i == 0 ? "" : ",";
            im.append(sep).append("{\"id\":").append(i + 1).append(",\"file_name\":\"").append(fileNames[i])
                    .append("\",\"width\":40,\"height\":30}");
            an.append(sep).append("{\"id\":").append(i + 1).append(",\"image_id\":").append(i + 1)
                    .append(",\"category_id\":1,\"bbox\":[1,1,10,10],\"iscrowd\":0}");
        }
        Path json = root.resolve("annotations/instances_val.json");
        Files.createDirectories(json.getParent());
        return Files.writeString(json, "{\"images\":[" + im + "],\"annotations\":[" + an
                + "],\"categories\":[{\"id\":1,\"name\":\"thing\"}]}");
    }

    private LoadedSplit readCoco(DataPaths paths, BadSamples bad) {
        return CocoReader.read(List.of(new CocoReader.Part(root.resolve("annotations/instances_val.json"),
                root.resolve("val"), paths)), null, true, bad);
    }

    static void assertEscape(List<Problem> ps, String file, String entry, String why) {
        assertTrue(ps.stream().anyMatch(p -> p.file().endsWith(file) && p.reason().contains(entry)
                && p.reason().contains(why)), ps.toString());
        assertTrue(ps.stream().noneMatch(p -> p.reason().contains("unreadable") || p.reason().contains(SECRET)),
                ps.toString());
    }

    private static List<String> names(LoadedSplit s) {
        return s.records().stream().map(DetectionRecord::name).toList();
    }

    @Test
    void cocoFileNameLeadingOutsideIsAProblemAndNotRead() throws Exception {
        coco(root, "a.jpg", "../../outside/secret.jpg");
        BadSamples bad = new BadSamples(OnBadSample.SKIP);
        LoadedSplit s = readCoco(DataPaths.within(root), bad);
        assertEquals(List.of("a"), names(s));
        assertEquals(1, s.report().problems().size());
        assertEscape(s.report().problems(), "instances_val.json", "file_name '../../outside/secret.jpg'",
                "leads outside the data root " + root.toAbsolutePath());
        BadFileException e = assertThrows(BadFileException.class, () -> readCoco(DataPaths.within(root), new BadSamples(OnBadSample.FAIL)));
        assertTrue(e.getMessage().contains("instances_val.json: file_name '../../outside/secret.jpg' leads outside"),
                e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void cocoAbsoluteFileNameIsAProblem() throws Exception {
        coco(root, "a.jpg", secret.toAbsolutePath().toString());
        LoadedSplit s = readCoco(DataPaths.within(root), BadSamples.collecting());
        assertEquals(List.of("a"), names(s));
        assertEscape(s.report().problems(), "instances_val.json", secret.toAbsolutePath().toString(), "is an absolute path");
    }

    @Test
    void symlinkLeadingOutsideIsAProblem() throws Exception {
        Files.createSymbolicLink(root.resolve("val/link.jpg"), secret.toAbsolutePath());
        coco(root, "a.jpg", "link.jpg");
        LoadedSplit s = readCoco(DataPaths.within(root), BadSamples.collecting());
        assertEquals(List.of("a"), names(s));
        assertEscape(s.report().problems(), "instances_val.json", "file_name 'link.jpg'", "is a symlink leading outside");
        // a symlink to a file inside the root is fine
        Files.delete(root.resolve("val/link.jpg"));
        Files.createSymbolicLink(root.resolve("val/link.jpg"), root.resolve("val/a.jpg").toAbsolutePath());
        assertEquals(List.of("a", "link"), names(readCoco(DataPaths.within(root), new BadSamples(OnBadSample.FAIL))));
    }

    @Test
    void allowOutsideRootAcceptsThePathsAsWritten() throws Exception {
        Path real = DataFixtures.image(tmp.resolve("outside/real.jpg"), 40, 30);
        coco(root, "a.jpg", "../../outside/real.jpg", real.toAbsolutePath().toString());
        LoadedSplit s = readCoco(DataPaths.within(root, true), new BadSamples(OnBadSample.FAIL));
        assertEquals(List.of("a", "real", "real"), names(s));
        assertEquals(real.toAbsolutePath().normalize(), s.records().get(1).image().toAbsolutePath().normalize());
        assertEquals(0, s.report().problems().size());
    }

    @Test
    void vocSplitEntryLeadingOutsideNeverReadsTheOutsideAnnotation() throws Exception {
        Path devkit = DataFixtures.voc(tmp);
        Path outsideXml = tmp.resolve("outside/x.xml");
        Files.writeString(outsideXml, "<annotation><size><width>9</width><height>9</height></size><object>"
                + "<name>secretclass</name><bndbox><xmin>1</xmin><ymin>1</ymin><xmax>5</xmax><ymax>5</ymax></bndbox>"
                + "</object></annotation>");
        Path list = devkit.resolve("VOC2007/ImageSets/Main/trainval.txt");
        Files.writeString(list, "000005\n../../../outside/x\n");
        LoadedSplit s = VocReader.read(devkit, List.of("VOC2007/trainval"), null, BadSamples.collecting());
        assertEquals(List.of("000005"), names(s));
        assertFalse(s.classNames().contains("secretclass"), s.classNames().toString());
        assertEscape(s.report().problems(), "trainval.txt", "split entry '../../../outside/x.xml'", "leads outside");
    }

    @Test
    void vocImageNameAndImageSymlinkLeadingOutsideAreProblems() throws Exception {
        Path devkit = DataFixtures.voc(tmp);
        Path year = devkit.resolve("VOC2007");
        Files.delete(year.resolve("JPEGImages/000005.jpg"));
        Path xml = year.resolve("Annotations/000005.xml");
        Files.writeString(xml, Files.readString(xml).replaceFirst("<filename>[^<]*</filename>",
                "<filename>../../../outside/secret.jpg</filename>"));
        Files.delete(year.resolve("JPEGImages/000007.jpg"));
        Files.createSymbolicLink(year.resolve("JPEGImages/000007.jpg"), secret.toAbsolutePath());
        LoadedSplit s = VocReader.read(List.of(new VocReader.Part(year, "trainval")), null, BadSamples.collecting());
        assertEquals(List.of(), names(s));
        assertEscape(s.report().problems(), "000005.xml", "<filename> '../../../outside/secret.jpg'", "leads outside");
        assertEscape(s.report().problems(), "000007.xml", "000007.jpg", "is a symlink leading outside");
    }

    @Test
    void yoloListFileEntriesLeadingOutsideAreProblems() throws Exception {
        Path y = DataFixtures.yolo(tmp);
        Files.writeString(y.resolve("train.txt"), "images/train/img1.jpg\n../outside/secret.jpg\n"
                + secret.toAbsolutePath() + "\n");
        Files.writeString(y.resolve("data.yaml"), "path: .\ntrain: train.txt\nnames: [person, bicycle, car]\n");
        LoadedSplit s = YoloReader.read(y.resolve("data.yaml"), List.of("train"), null, BadSamples.collecting());
        assertEquals(List.of("img1"), names(s));
        assertEscape(s.report().problems(), "train.txt", "list entry '../outside/secret.jpg'", "leads outside");
        assertEscape(s.report().problems(), "train.txt", "list entry '" + secret.toAbsolutePath(), "absolute path");
    }

    @Test
    void yoloDataYamlPathAndSplitKeysLeadingOutsideAreProblems() throws Exception {
        Path y = DataFixtures.yolo(tmp);
        Files.writeString(y.resolve("data.yaml"), "path: ../outside\ntrain: images/train\nnames: [person, bicycle, car]\n");
        LoadedSplit s = YoloReader.read(y.resolve("data.yaml"), List.of("train"), null, BadSamples.collecting());
        assertEquals(0, s.records().size());
        assertEscape(s.report().problems(), "data.yaml", "path '../outside'", "leads outside");

        Files.writeString(y.resolve("data.yaml"), "path: .\ntrain: [images/train, ../outside]\nnames: [person, bicycle, car]\n");
        s = YoloReader.read(y.resolve("data.yaml"), List.of("train"), null, BadSamples.collecting());
        assertEquals(List.of("img1", "img2", "img4"), names(s));
        assertEscape(s.report().problems(), "data.yaml", "split entry train: '../outside'", "leads outside");

        Path labels = y.resolve("labels/train/img1.txt");
        Path outLabel = Files.writeString(tmp.resolve("outside/label.txt"), "0 0.5 0.5 0.1 0.1\n");
        Files.delete(labels);
        Files.createSymbolicLink(labels, outLabel.toAbsolutePath());
        s = YoloReader.read(y.resolve("data.yaml"), List.of("train"), null, BadSamples.collecting());
        assertEquals(List.of("img2", "img4"), names(s));
        assertEscape(s.report().problems(), "img1.txt", "img1.txt", "is a symlink leading outside");
    }
}
