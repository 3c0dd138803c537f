package dev.retinaj.eval;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.retinaj.util.BadFileException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a COCO instances JSON ({@code images}, {@code annotations}, {@code categories}) into a
 * {@link GroundTruth}. A missing {@code area} defaults to w * h and a missing {@code iscrowd} to 0.
 * Problems are reported as a {@link BadFileException} naming the file (and the line for malformed JSON).
 */
public final class CocoGroundTruthReader {
    private CocoGroundTruthReader() {
    }

    public static GroundTruth read(Path file) {
        JsonNode root = JsonFiles.readTree(file);
        if (!root.isObject()) {
            throw new BadFileException(file + ": not a COCO instances file (expected a JSON object)");
        }
        GroundTruth.Builder b = GroundTruth.builder();
        try {
            JsonNode cats = root.path("categories");
            if (!cats.isArray()) {
                throw new BadFileException(file + ": no \"categories\" list");
            }
            for (JsonNode c : cats) {
                int id = (int) JsonFiles.integer(c, "id", "category");
                b.addCategory(id, c.hasNonNull("name") ? c.get("name").asText() : String.valueOf(id));
            }
            JsonNode images = root.path("images");
            if (!images.isArray()) {
                throw new BadFileException(file + ": no \"images\" list");
            }
            for (JsonNode im : images) {
                long id = JsonFiles.integer(im, "id", "image");
                int w = im.has("width") ? (int) JsonFiles.integer(im, "width", "image " + id) : 0;
                int h = im.has("height") ? (int) JsonFiles.integer(im, "height", "image " + id) : 0;
                b.addImage(id, w, h);
            }
            JsonNode anns = root.path("annotations");
            long seq = 0;
            for (JsonNode a : anns) {
                seq++;
                long id = a.has("id") ? JsonFiles.integer(a, "id", "annotation") : seq;
                String what = "annotation " + id;
                long imageId = JsonFiles.integer(a, "image_id", what);
                int cat = (int) JsonFiles.integer(a, "category_id", what);
                double[] bb = JsonFiles.bbox(a, what);
                double area = a.hasNonNull("area") ? JsonFiles.number(a, "area", what) : bb[2] * bb[3];
                boolean crowd = a.hasNonNull("iscrowd") && JsonFiles.number(a, "iscrowd", what) != 0;
                b.addAnnotation(new GroundTruth.Annotation(id, imageId, cat, bb, area, crowd));
            }
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new BadFileException(file + ": " + e.getMessage());
        }
    }

    /** Shared JSON helpers: one-line errors with file and line. */
    static final class JsonFiles {
        /** Two equal keys in one object are an error, not "the last one wins". */
        private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());

        private JsonFiles() {
        }

        static JsonNode readTree(Path file) {
            try {
                JsonNode n = MAPPER.readTree(file.toFile());
                if (n == null || n.isMissingNode()) {
                    throw new BadFileException(file + ": empty file");
                }
                return n;
            } catch (JsonProcessingException e) {
                throw malformed(file, e);
            } catch (NoSuchFileException | java.io.FileNotFoundException e) {
                throw new BadFileException(file + ": no such file");
            } catch (IOException e) {
                throw new BadFileException(file + ": cannot read (" + e.getMessage() + ")");
            }
        }

        static BadFileException malformed(Path file, JsonProcessingException e) {
            String msg = dev.retinaj.util.JsonErrors.reason(e);
            int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
            return new BadFileException(file + (line > 0 ? " line " + line : "") + ": malformed JSON: " + msg);
        }

        static long integer(JsonNode n, String key, String what) {
            JsonNode v = n.get(key);
            if (v == null || !v.isNumber() || v.asDouble() != Math.rint(v.asDouble())) {
                throw new IllegalArgumentException(what + " has no integer \"" + key + "\"");
            }
            return v.asLong();
        }

        static double number(JsonNode n, String key, String what) {
            JsonNode v = n.get(key);
            if (v == null || !(v.isNumber() || v.isBoolean())) {
                throw new IllegalArgumentException(what + " has no number \"" + key + "\"");
            }
            double d = v.isBoolean() ? (v.asBoolean() ? 1 : 0) : v.asDouble();
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException(what + " has a non-finite \"" + key + "\"");
            }
            return d;
        }

        static double[] bbox(JsonNode n, String what) {
            JsonNode v = n.get("bbox");
            if (v == null || !v.isArray() || v.size() != 4) {
                throw new IllegalArgumentException(what + " has no \"bbox\" [x, y, w, h]");
            }
            double[] bb = new double[4];
            for (int i = 0; i < 4; i++) {
                if (!v.get(i).isNumber() || !Double.isFinite(v.get(i).asDouble())) {
                    throw new IllegalArgumentException(what + " has a non-numeric or non-finite bbox");
                }
                bb[i] = v.get(i).asDouble();
            }
            return bb;
        }
    }
}
