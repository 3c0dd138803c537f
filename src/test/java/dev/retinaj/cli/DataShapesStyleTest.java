package dev.retinaj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataShapesStyleTest {
    @TempDir
    Path tmp;

    @Test
    void theStyleOptionPicksTheDrawing() throws Exception {
        Path demo = tmp.resolve("demo");
        Path hard = tmp.resolve("hard");
        assertEquals(0, CliTest.run("data", "shapes", "--out", demo.toString(), "--train", "2", "--val", "1",
                "--size", "64").code());
        CliTest.Result r = CliTest.run("data", "shapes", "--out", hard.toString(), "--train", "2", "--val", "1",
                "--size", "64", "--style", "hard");
        assertEquals(0, r.code(), r.err());
        assertNotEquals(-1L, Files.mismatch(demo.resolve("train/000001.jpg"), hard.resolve("train/000001.jpg")));
    }

    @Test
    void anUnknownStyleIsAUsageError() {
        CliTest.Result r = CliTest.run("data", "shapes", "--out", tmp.resolve("x").toString(), "--style", "fancy");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--style: expected demo or hard, got fancy"), r.err());
        assertFalse(r.err().contains("at dev.retinaj"), r.err());
    }
}
