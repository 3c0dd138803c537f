package dev.retinaj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataBrowseCommandTest {
    @TempDir
    Path tmp;

    @Test
    void drawsTheRequestedNumberOfAugmentedSamples() throws Exception {
        Path data = tmp.resolve("shapes");
        assertEquals(0, CliTest.run("data", "shapes", "--out", data.toString(), "--train", "10", "--val", "2",
                "--size", "96", "--seed", "4").code());
        Path out = tmp.resolve("browse");
        CliTest.Result r = CliTest.run("data", "browse", "-c", "configs/shapes_r18_fpn_demo.yaml", "--out", out.toString(),
                "--n", "5", "--set", "data.root=" + data, "--set", "data.min_size=[96]", "--set", "data.max_size=96",
                "--set", "data.augment.mosaic.prob=1.0", "--set", "data.workers=0");
        assertEquals(0, r.code(), r.err());
        List<Path> pngs;
        try (Stream<Path> s = Files.list(out)) {
            pngs = s.filter(p -> p.toString().endsWith(".png")).sorted().toList();
        }
        assertEquals(5, pngs.size());
        BufferedImage img = ImageIO.read(pngs.get(0).toFile());
        assertEquals(96, img.getWidth()); // the 192 px mosaic resized to 96, padded to a multiple of 32
        assertEquals(5, r.out().lines().count());
        assertTrue(r.out().contains("boxes"), r.out());
    }

    @Test
    void aBadCountIsAUsageError() {
        CliTest.Result r = CliTest.run("data", "browse", "-c", "configs/shapes_r18_fpn_demo.yaml", "--out",
                tmp.toString(), "--n", "0");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--n"), r.err());
        assertFalse(r.err().contains("at dev.retinaj"), r.err());
    }
}
