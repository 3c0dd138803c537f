package dev.retinaj.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import javax.imageio.ImageIO;

/** Ways to break an image file, in place, each drawn from a seeded random source. */
final class BrokenImages {
    private BrokenImages() {}

    /** Cut to 20-90 % of its length (a JPEG cut there decodes grey below the cut unless detected). */
    static Path truncate(Path f, Random rnd) {
        byte[] b = read(f);
        return FuzzSets.write(f, Arrays.copyOf(b, b.length * (20 + rnd.nextInt(71)) / 100));
    }

    static Path empty(Path f) {
        return FuzzSets.write(f, new byte[0]);
    }

    /** The header and the end marker intact, so that only the decoder can tell: noise between. */
    static Path corruptInside(Path f, Random rnd) {
        byte[] b = read(f);
        int from = 64 + rnd.nextInt(16);
        Arrays.fill(b, from, b.length - 2, (byte) 0x55);
        return FuzzSets.write(f, b);
    }

    /** Random bytes under an image's name. */
    static Path noise(Path f, Random rnd) {
        byte[] b = new byte[50 + rnd.nextInt(2000)];
        rnd.nextBytes(b);
        return FuzzSets.write(f, b);
    }

    /** The image re-encoded as {@code png} (a sibling with that extension), then cut; the original is deleted. */
    static Path truncatedPng(Path jpeg, Random rnd) {
        Path png = jpeg.resolveSibling(jpeg.getFileName().toString().replaceFirst("\\.jpe?g$", ".png"));
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(ImageIO.read(jpeg.toFile()), "png", out);
            FuzzSets.write(png, out.toByteArray());
            Files.delete(jpeg);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return truncate(png, rnd);
    }

    private static byte[] read(Path f) {
        try {
            return Files.readAllBytes(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
