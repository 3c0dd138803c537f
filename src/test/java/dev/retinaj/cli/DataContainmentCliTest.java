package dev.retinaj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code data stats} (by config and by --format) and {@code data convert} through the CLI keep to the data root. */
class DataContainmentCliTest {
    private static final String SECRET = "TOP-SECRET-42";

    @TempDir
    Path tmp;

    private Path cocoSet() throws Exception {
        Path root = tmp.resolve("set");
        Files.createDirectories(root.resolve("val"));
        Files.createDirectories(root.resolve("annotations"));
        Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(tmp.resolve("outside/secret.jpg"), SECRET);
        ImageIO.write(new BufferedImage(40, 30, BufferedImage.TYPE_3BYTE_BGR), "jpeg", root.resolve("val/a.jpg").toFile());
        Files.writeString(root.resolve("annotations/instances_val.json"), "{\"images\":["
                + "{\"id\":1,\"file_name\":\"a.jpg\",\"width\":40,\"height\":30},"
                + "{\"id\":2,\"file_name\":\"../../outside/secret.jpg\",\"width\":40,\"height\":30}],"
                + "\"annotations\":[{\"id\":1,\"image_id\":1,\"category_id\":1,\"bbox\":[1,1,9,9]},"
                + "{\"id\":2,\"image_id\":2,\"category_id\":1,\"bbox\":[1,1,9,9]}],"
                + "\"categories\":[{\"id\":1,\"name\":\"thing\"}]}");
        return root;
    }

    @Test
    void statsByConfigAndByFormatListTheEscapeAndNeverTheSecret() throws Exception {
        Path root = cocoSet();
        Path cfg = Files.writeString(tmp.resolve("c.yaml"),
                "data:\n  format: coco\n  root: " + root + "\n  train: [val]\n");
        for (String[] args : new String[][] {
            {"data", "stats", "-c", cfg.toString(), "--json"},
            {"data", "stats", "--format", "coco", "--root", root.resolve("annotations/instances_val.json").toString(), "--json"}}) {
            CliTest.Result r = CliTest.run(args);
            assertEquals(0, r.code(), r.err());
            JsonNode j = new ObjectMapper().readTree(r.out());
            assertEquals(1, j.get("images").asInt());
            assertEquals(1, j.get("problems").size());
            assertTrue(j.get("problems").get(0).toString().contains("file_name '../../outside/secret.jpg' leads outside"),
                    j.get("problems").toString());
            assertFalse(r.out().contains(SECRET) || r.err().contains(SECRET));
        }
        CliTest.Result r = CliTest.run("data", "stats", "-c", cfg.toString(), "--set", "data.allow_outside_root=true",
                "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals(1, j.get("images").asInt(), "allowed, the outside file is read: it is no JPEG");
        assertEquals("not a JPEG file (its first bytes say otherwise)", j.get("problems").get(0).get("reason").asText());
        assertTrue(j.get("problems").get(0).get("file").asText().endsWith("secret.jpg"));
    }

    @Test
    void convertCopiesByDefaultLinksWithLinkAndReportsTheEscape() throws Exception {
        Path root = cocoSet();
        Path out = tmp.resolve("yolo");
        CliTest.Result r = CliTest.run("data", "convert", "--from", "coco", "--in", root.toString(), "--to", "yolo",
                "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("1 problems (skipped)") && r.out().contains("leads outside"), r.out());
        assertFalse(Files.isSameFile(out.resolve("images/val/a.jpg"), root.resolve("val/a.jpg")));
        r = CliTest.run("data", "convert", "--from", "coco", "--in", root.toString(), "--to", "voc",
                "--out", tmp.resolve("voc").toString(), "--link");
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.isSameFile(tmp.resolve("voc/JPEGImages/a.jpg"), root.resolve("val/a.jpg")));
        assertEquals(1, Files.list(tmp.resolve("voc/JPEGImages")).count());
    }
}
