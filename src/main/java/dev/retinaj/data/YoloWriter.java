package dev.retinaj.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes the YOLO layout: {@code images/<split>/}, {@code labels/<split>/<stem>.txt} with one
 * normalised {@code class cx cy w h} line per box, and a {@code data.yaml}. YOLO has no crowd flag,
 * so crowd/difficult boxes are left out (and counted).
 */
public final class YoloWriter {
    private YoloWriter() {}

    /** Writes one split, copying its images; returns the number of crowd boxes left out. */
    public static int writeSplit(Path out, String split, List<DetectionRecord> records) throws IOException {
        return writeSplit(out, split, records, ImageFiles.Placement.COPY);
    }

    static int writeSplit(Path out, String split, List<DetectionRecord> records, ImageFiles.Placement how)
            throws IOException {
        Path images = out.resolve("images").resolve(split);
        Path labels = out.resolve("labels").resolve(split);
        Files.createDirectories(images);
        Files.createDirectories(labels);
        int dropped = 0;
        for (DetectionRecord r : records) {
            ImageFiles.place(r.image(), images.resolve(r.name() + ImageFiles.extension(r.image())), how);
            List<String> lines = new ArrayList<>();
            float[] b = r.boxes();
            for (int i = 0; i < r.numBoxes(); i++) {
                if (r.crowd()[i]) {
                    dropped++;
                    continue;
                }
                double x1 = b[4 * i];
                double y1 = b[4 * i + 1];
                double x2 = b[4 * i + 2];
                double y2 = b[4 * i + 3];
                lines.add(String.format(Locale.ROOT, "%d %.8f %.8f %.8f %.8f", r.labels()[i],
                        (x1 + x2) / 2 / r.width(), (y1 + y2) / 2 / r.height(), (x2 - x1) / r.width(),
                        (y2 - y1) / r.height()));
            }
            Files.write(labels.resolve(r.name() + ".txt"), lines);
        }
        return dropped;
    }

    public static void writeYaml(Path out, List<String> splits, List<String> classNames) throws IOException {
        StringBuilder s = new StringBuilder("# written by retinaj data convert\npath: .\n");
        for (String split : splits) {
            s.append(split).append(": images/").append(split).append('\n');
        }
        s.append("names:\n");
        for (int k = 0; k < classNames.size(); k++) {
            s.append("  ").append(k).append(": ").append(quote(classNames.get(k))).append('\n');
        }
        Files.createDirectories(out);
        Files.writeString(out.resolve("data.yaml"), s.toString());
    }

    private static String quote(String name) {
        return "'" + name.replace("'", "''") + "'";
    }
}
