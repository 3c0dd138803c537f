package dev.retinaj.eval;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Writes ground truth as a COCO instances JSON and results as a COCO results JSON. */
public final class CocoJsonWriter {
    private static final JsonFactory FACTORY = new JsonFactory();

    private CocoJsonWriter() {
    }

    public static void write(GroundTruth gt, List<Result> results, Path gtFile, Path resultsFile) throws IOException {
        writeGroundTruth(gt, gtFile);
        writeResults(results, resultsFile);
    }

    public static void writeGroundTruth(GroundTruth gt, Path file) throws IOException {
        createParent(file);
        try (JsonGenerator g = FACTORY.createGenerator(file.toFile(), com.fasterxml.jackson.core.JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeArrayFieldStart("images");
            for (int i = 0; i < gt.numImages(); i++) {
                g.writeStartObject();
                g.writeNumberField("id", gt.imageId(i));
                g.writeNumberField("width", gt.imageWidth(i));
                g.writeNumberField("height", gt.imageHeight(i));
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("annotations");
            for (int i = 0; i < gt.numAnnotations(); i++) {
                g.writeStartObject();
                g.writeNumberField("id", gt.annIds[i]);
                g.writeNumberField("image_id", gt.imageId(gt.annImage[i]));
                g.writeNumberField("category_id", gt.annCategory[i]);
                g.writeArrayFieldStart("bbox");
                g.writeNumber(gt.x[i]);
                g.writeNumber(gt.y[i]);
                g.writeNumber(gt.w[i]);
                g.writeNumber(gt.h[i]);
                g.writeEndArray();
                g.writeNumberField("area", gt.area[i]);
                g.writeNumberField("iscrowd", gt.crowd[i] ? 1 : 0);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("categories");
            for (Category c : gt.categories()) {
                g.writeStartObject();
                g.writeNumberField("id", c.id());
                g.writeStringField("name", c.name());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    public static void writeResults(List<Result> results, Path file) throws IOException {
        writeResults(results, file, r -> Map.of());
    }

    /** Results with further string fields per entry after the COCO ones (e.g. predict's file and category name). */
    public static void writeResults(List<Result> results, Path file, Function<Result, Map<String, String>> extra)
            throws IOException {
        createParent(file);
        try (OutputStream os = Files.newOutputStream(file)) {
            writeResults(results.stream().map(r -> new ResultLine(r, extra.apply(r))).iterator(), os);
        }
    }

    /** One entry of a results file: the COCO fields, then further string fields. */
    public record ResultLine(Result result, Map<String, String> extra) {}

    /** Streams results into {@code out} (not closed), one entry a line, holding none of them; returns the count. */
    public static long writeResults(Iterator<ResultLine> lines, OutputStream out) throws IOException {
        long n = 0;
        try (JsonGenerator g = FACTORY.createGenerator(out, com.fasterxml.jackson.core.JsonEncoding.UTF8)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.writeStartArray();
            while (lines.hasNext()) {
                ResultLine line = lines.next();
                Result r = line.result();
                g.writeStartObject();
                g.writeNumberField("image_id", r.imageId());
                g.writeNumberField("category_id", r.categoryId());
                g.writeArrayFieldStart("bbox");
                g.writeNumber(r.x());
                g.writeNumber(r.y());
                g.writeNumber(r.w());
                g.writeNumber(r.h());
                g.writeEndArray();
                g.writeNumberField("score", r.score());
                for (Map.Entry<String, String> e : line.extra().entrySet()) {
                    g.writeStringField(e.getKey(), e.getValue());
                }
                g.writeEndObject();
                g.writeRaw('\n');
                n++;
            }
            g.writeEndArray();
        }
        return n;
    }

    private static void createParent(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
    }
}
