package dev.retinaj.data;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Copies the annotation fixtures (exact upstream formats) to a temp dir and adds tiny images. */
final class DataFixtures {
    private DataFixtures() {}

    /** Copies test resource folder {@code data/<name>} into {@code dir} and returns the copy. */
    static Path copy(String name, Path dir) {
        try {
            Path src = Path.of(DataFixtures.class.getResource("/data/" + name).toURI());
            return dev.retinaj.TestFiles.copyTree(src, dir.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A w×h image (JPEG or PNG by extension): grey with a coloured square, so it is not uniform. */
    static Path image(Path file, int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.GRAY);
        g.fillRect(0, 0, w, h);
        g.setColor(new Color(200, 40, 40));
        g.fillRect(w / 4, h / 4, Math.max(1, w / 2), Math.max(1, h / 2));
        g.dispose();
        try {
            Files.createDirectories(file.getParent());
            String f = file.toString().toLowerCase().endsWith(".png") ? "png" : "jpeg";
            ImageIO.write(img, f, file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** The VOC fixture with its JPEGs (VOC2007 000005/000007/000009, VOC2012 2008_000008). */
    static Path voc(Path dir) {
        Path root = copy("voc", dir);
        image(root.resolve("VOC2007/JPEGImages/000005.jpg"), 500, 375);
        image(root.resolve("VOC2007/JPEGImages/000007.jpg"), 500, 333);
        image(root.resolve("VOC2007/JPEGImages/000009.jpg"), 500, 375);
        image(root.resolve("VOC2012/JPEGImages/2008_000008.jpg"), 500, 442);
        return root;
    }

    /** The COCO fixture: annotations/instances_val.json and its images in val/. */
    static Path coco(Path dir) {
        Path root = copy("coco", dir);
        image(root.resolve("val/000000397133.jpg"), 640, 427);
        image(root.resolve("val/000000037777.jpg"), 352, 230);
        image(root.resolve("val/000000252219.jpg"), 640, 428);
        return root;
    }

    /** The YOLO fixture: data.yaml, labels/, and images/ (img4 has no label file: an empty image). */
    static Path yolo(Path dir) {
        Path root = copy("yolo", dir);
        image(root.resolve("images/train/img1.jpg"), 200, 100);
        image(root.resolve("images/train/img2.png"), 64, 64);
        image(root.resolve("images/train/img4.jpg"), 32, 32);
        image(root.resolve("images/val/img3.jpg"), 80, 60);
        return root;
    }
}
