package dev.retinaj.fuzz;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * The fuzz suite's folder: one sub-folder per case, and an {@code outside/} folder beside them that
 * no case may read from: a text "secret" named like an image, a real image, a VOC annotation of a
 * class no set has, and a label file with five boxes.
 */
final class FuzzWorkspace {
    private final Path base;
    private int next;
    private byte[] bigJpeg;

    FuzzWorkspace(Path base) {
        this.base = base;
        Path out = base.resolve("outside");
        FuzzSets.write(out.resolve("secret.jpg"), FuzzSets.SECRET);
        FuzzSets.write(out.resolve("real.jpg"), FuzzSets.jpeg(48, 36, "jpeg"));
        FuzzSets.write(out.resolve("x.xml"), FuzzSets.vocXml("real.jpg", "secretclass", "3", "48"));
        FuzzSets.write(out.resolve("labels.txt"), "0 0.5 0.5 0.1 0.1\n".repeat(5));
    }

    /** A new, empty case folder (two levels below the workspace, beside {@code outside/}'s parent). */
    Path dir() {
        return base.resolve("c" + next++);
    }

    Path secret() {
        return base.resolve("outside/secret.jpg");
    }

    Path real() {
        return base.resolve("outside/real.jpg");
    }

    Path outside() {
        return base.resolve("outside");
    }

    /** Files no output may be (or copy). */
    List<Path> forbidden() {
        return List.of(secret(), real());
    }

    /** A 400×300 noise JPEG, far bigger than the tail the truncation check reads. */
    byte[] bigJpeg() {
        if (bigJpeg == null) {
            BufferedImage img = new BufferedImage(400, 300, BufferedImage.TYPE_3BYTE_BGR);
            Random r = new Random(5);
            for (int y = 0; y < 300; y++) {
                for (int x = 0; x < 400; x++) {
                    img.setRGB(x, y, r.nextInt());
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                ImageIO.write(img, "jpeg", out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            bigJpeg = out.toByteArray();
        }
        return bigJpeg;
    }
}
