package dev.retinaj.fuzz;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Writes the small, valid data sets the fuzz cases mutate: two 40×30 images (a, b) with one 10×10
 * box of class "thing" each, in COCO, VOC and YOLO layouts. A mutation adds or replaces one piece.
 */
final class FuzzSets {
    static final String SECRET = "TOP-SECRET-42";

    private FuzzSets() {}

    static byte[] jpeg(int w, int h, String format) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.GRAY);
        g.fillRect(0, 0, w, h);
        g.setColor(Color.RED);
        g.fillRect(w / 4, h / 4, w / 2, h / 2);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static Path write(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.getParent());
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path write(Path file, String text) {
        return write(file, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The pieces of a COCO instances JSON, each element as JSON text. */
    static final class Coco {
        final List<String> images = new ArrayList<>(List.of(
                "{\"id\":1,\"file_name\":\"a.jpg\",\"width\":40,\"height\":30}",
                "{\"id\":2,\"file_name\":\"b.jpg\",\"width\":40,\"height\":30}"));
        final List<String> annotations = new ArrayList<>(List.of(
                "{\"id\":1,\"image_id\":1,\"category_id\":1,\"bbox\":[2,2,10,10],\"iscrowd\":0}",
                "{\"id\":2,\"image_id\":2,\"category_id\":1,\"bbox\":[2,2,10,10],\"iscrowd\":0}"));
        final List<String> categories = new ArrayList<>(List.of("{\"id\":1,\"name\":\"thing\"}"));
        String extraTopLevel = "";

        String json() {
            return "{\"images\":[" + String.join(",", images) + "],\"annotations\":[" + String.join(",", annotations)
                    + "],\"categories\":[" + String.join(",", categories) + "]" + extraTopLevel + "}";
        }

        /** Writes {@code root/annotations/instances_val.json} and {@code root/val/{a,b}.jpg}; returns the JSON. */
        Path writeTo(Path root) {
            write(root.resolve("val/a.jpg"), jpeg(40, 30, "jpeg"));
            write(root.resolve("val/b.jpg"), jpeg(40, 30, "jpeg"));
            return write(root.resolve("annotations/instances_val.json"), json());
        }
    }

    static String vocXml(String file, String name, String xmin, String width) {
        return "<annotation><filename>" + file + "</filename><size><width>" + width + "</width><height>30</height>"
                + "<depth>3</depth></size><object><name>" + name + "</name><difficult>0</difficult><bndbox>"
                + "<xmin>" + xmin + "</xmin><ymin>3</ymin><xmax>12</xmax><ymax>12</ymax></bndbox></object></annotation>";
    }

    /** A VOC2007 folder with split {@code val} = {@code ids}; a and b are valid. Returns the folder. */
    static Path voc(Path year, List<String> ids) {
        for (String id : List.of("a", "b")) {
            write(year.resolve("JPEGImages/" + id + ".jpg"), jpeg(40, 30, "jpeg"));
            write(year.resolve("Annotations/" + id + ".xml"), vocXml(id + ".jpg", "thing", "3", "40"));
        }
        write(year.resolve("ImageSets/Main/val.txt"), String.join("\n", ids) + "\n");
        return year;
    }

    /** A YOLO set with {@code data.yaml} as given (null = the valid one); returns the yaml. */
    static Path yolo(Path root, String yaml) {
        for (String id : List.of("a", "b")) {
            write(root.resolve("images/val/" + id + ".jpg"), jpeg(40, 30, "jpeg"));
            write(root.resolve("labels/val/" + id + ".txt"), "0 0.2 0.2 0.25 0.3333\n");
        }
        return write(root.resolve("data.yaml"), yaml != null ? yaml : "path: .\nval: images/val\nnames: [thing]\n");
    }
}
