package dev.retinaj.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo style must not change: the files the generator wrote before the hard style existed
 * (seed 0, 320 px, as the demo config draws them), checked by SHA-256.
 */
class DemoStyleChecksumTest {
    @TempDir
    Path tmp;

    static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    @Test
    void theDemoStyleWritesTheSameBytesAsBefore() throws Exception {
        Path out = tmp.resolve("shapes");
        ShapesGenerator.generate(out, new ShapesParams(4, 2, 320, 0, 1.0));
        assertEquals("56926777f4737315e8dab8ca1161b3a79775ff2e83bd9ad3cc8cb3eb77027298", sha256(out.resolve("train/000001.jpg")));
        assertEquals("7da7670359b3c837651ef5c644d387c178fd575ef58e7ac1b210df296830d5e9", sha256(out.resolve("train/000004.jpg")));
        assertEquals("9b3022d612004202c6021aa5c275bd4c6004ef8679971bf16a823e553df960be", sha256(out.resolve("val/000006.jpg")));
        assertEquals("f7538749bf0966c47a8d7502a116f5eff48898695c069cdae25a686be4a828f0",
                sha256(out.resolve("annotations/instances_train.json")));
        assertEquals("b77384045124abfa6863a67c6d10fc9cd68f92a3151eea15536ba4b6ca7e5807",
                sha256(out.resolve("VOCdevkit/VOC2007/Annotations/000005.xml")));
    }
}
