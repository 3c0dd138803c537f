package dev.retinaj.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes one VOC annotation XML per record (xmin = x1 + 1, ymin = y1 + 1, xmax = x2, ymax = y2;
 * crowd → difficult) and the split lists; images are linked or copied into JPEGImages/.
 */
public final class VocWriter {
    private VocWriter() {}

    /**
     * Annotations/&lt;name&gt;.xml for each record; returns the ids written, in order. With
     * {@code placeImages} the images are hard-linked (or copied) into JPEGImages/.
     */
    public static List<String> writeAnnotations(Path yearDir, List<DetectionRecord> records, List<String> classNames,
                                                boolean placeImages) throws IOException {
        return writeAnnotations(yearDir, records, classNames, placeImages ? ImageFiles.Placement.LINK : null);
    }

    /** As above; {@code images} null = images are not placed. */
    static List<String> writeAnnotations(Path yearDir, List<DetectionRecord> records, List<String> classNames,
                                         ImageFiles.Placement images) throws IOException {
        Path ann = yearDir.resolve("Annotations");
        Path jpeg = yearDir.resolve("JPEGImages");
        Files.createDirectories(ann);
        Files.createDirectories(jpeg);
        List<String> ids = new ArrayList<>();
        for (DetectionRecord r : records) {
            String id = r.name();
            String file = id + ImageFiles.extension(r.image());
            if (images != null) {
                ImageFiles.place(r.image(), jpeg.resolve(file), images);
            }
            Files.writeString(ann.resolve(id + ".xml"), xml(r, file, yearDir.getFileName().toString(), classNames));
            ids.add(id);
        }
        return ids;
    }

    public static void writeSplit(Path yearDir, String split, List<String> ids) throws IOException {
        Path main = yearDir.resolve("ImageSets").resolve("Main");
        Files.createDirectories(main);
        Files.write(main.resolve(split + ".txt"), ids);
    }

    static String xml(DetectionRecord r, String file, String folder, List<String> classNames) {
        StringBuilder s = new StringBuilder(512);
        s.append("<annotation>\n");
        s.append("\t<folder>").append(esc(folder)).append("</folder>\n");
        s.append("\t<filename>").append(esc(file)).append("</filename>\n");
        s.append("\t<size>\n\t\t<width>").append(r.width()).append("</width>\n\t\t<height>").append(r.height())
                .append("</height>\n\t\t<depth>3</depth>\n\t</size>\n");
        s.append("\t<segmented>0</segmented>\n");
        float[] b = r.boxes();
        for (int i = 0; i < r.numBoxes(); i++) {
            s.append("\t<object>\n");
            s.append("\t\t<name>").append(esc(classNames.get(r.labels()[i]))).append("</name>\n");
            s.append("\t\t<pose>Unspecified</pose>\n\t\t<truncated>0</truncated>\n");
            s.append("\t\t<difficult>").append(r.crowd()[i] ? 1 : 0).append("</difficult>\n");
            s.append("\t\t<bndbox>\n");
            s.append("\t\t\t<xmin>").append(num(b[4 * i] + 1)).append("</xmin>\n");
            s.append("\t\t\t<ymin>").append(num(b[4 * i + 1] + 1)).append("</ymin>\n");
            s.append("\t\t\t<xmax>").append(num(b[4 * i + 2])).append("</xmax>\n");
            s.append("\t\t\t<ymax>").append(num(b[4 * i + 3])).append("</ymax>\n");
            s.append("\t\t</bndbox>\n\t</object>\n");
        }
        s.append("</annotation>\n");
        return s.toString();
    }

    /** Whole numbers as integers (what VOC tools expect), others with full float precision. */
    static String num(float v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Float.toString(v);
    }

    private static String esc(String t) {
        return t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
