package dev.retinaj.data;

import dev.retinaj.util.Interrupts;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams a COCO instances JSON strictly: a key given twice anywhere makes the file malformed (a
 * lenient parser would keep one of them silently); ids must be whole numbers (41.9 is not image 41),
 * boxes four finite numbers, names non-empty text. A bad element is a problem and left out; one
 * element at a time sits in memory, so segmentation polygons never pile up.
 */
final class CocoJson {
    private static final ObjectMapper JSON = new ObjectMapper(
            JsonFactory.builder().enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());

    private CocoJson() {}

    record Image(long id, String fileName, int width, int height) {}

    record Annotation(long id, long imageId, long categoryId, double[] bbox, boolean crowd) {}

    record Category(long id, String name) {}

    record Content(List<Image> images, List<Annotation> annotations, List<Category> categories) {}

    /** A field that breaks the rules; the element holding it is left out. */
    private static final class BadField extends Exception {
        BadField(String message) {
            super(message, null, false, false);
        }
    }

    private interface Element<T> {
        T of(JsonNode n) throws BadField;
    }

    /** The file's content, or null (reported) if the file as a whole is unreadable or malformed. */
    static Content parse(Path json, BadSamples bad) {
        List<Image> images = new ArrayList<>();
        List<Annotation> annotations = new ArrayList<>();
        List<Category> categories = new ArrayList<>();
        String outer = Interrupts.enter("reading " + json);
        try (JsonParser p = JSON.getFactory().createParser(json.toFile())) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                switch (field) {
                    case "images" -> readArray(p, t, json, bad, CocoJson::image, images);
                    case "annotations" -> readArray(p, t, json, bad, CocoJson::annotation, annotations);
                    case "categories" -> readArray(p, t, json, bad, CocoJson::category, categories);
                    default -> p.skipChildren();
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw new IOException("unexpected content after the top-level object");
            }
        } catch (JsonProcessingException e) {
            String at = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")";
            bad.report(json, "malformed COCO JSON: " + dev.retinaj.util.JsonErrors.reason(e) + at);
            return null;
        } catch (IOException e) {
            bad.report(json, "malformed COCO JSON: " + VocReader.oneLine(e.getMessage()));
            return null;
        } finally {
            Interrupts.leave(outer);
        }
        return new Content(images, annotations, categories);
    }

    private static <T> void readArray(JsonParser p, JsonToken t, Path json, BadSamples bad, Element<T> element,
                                      List<T> out) throws IOException {
        String field = p.currentName();
        if (t != JsonToken.START_ARRAY) {
            throw new IOException("'" + field + "' is not an array");
        }
        int i = 0;
        while (p.nextToken() == JsonToken.START_OBJECT) {
            Interrupts.check();
            JsonNode n = JSON.readTree(p);
            try {
                out.add(element.of(n));
            } catch (BadField e) {
                bad.report(json, field + "[" + i + "]: " + e.getMessage());
            }
            i++;
        }
        if (p.currentToken() != JsonToken.END_ARRAY) {
            throw new IOException("'" + field + "' holds something other than objects");
        }
    }

    private static Image image(JsonNode n) throws BadField {
        JsonNode f = n.get("file_name");
        if (f != null && !f.isNull() && !f.isTextual()) {
            throw new BadField("file_name " + f + " is not text");
        }
        return new Image(whole(n, "id", true), f == null || f.isNull() ? null : f.asText(),
                size(n, "width"), size(n, "height"));
    }

    private static Annotation annotation(JsonNode n) throws BadField {
        long id = whole(n, "id", false);
        long imageId = whole(n, "image_id", true);
        long categoryId = whole(n, "category_id", true);
        JsonNode b = n.get("bbox");
        if (b == null || !b.isArray() || b.size() != 4) {
            throw new BadField("annotation " + id + " has no 4-number bbox");
        }
        double[] bbox = new double[4];
        for (int i = 0; i < 4; i++) {
            if (!b.get(i).isNumber() || !Double.isFinite(b.get(i).asDouble())) {
                throw new BadField("annotation " + id + " bbox " + b + " holds a non-finite or non-number value");
            }
            bbox[i] = b.get(i).asDouble();
        }
        long crowd = whole(n, "iscrowd", false);
        if (crowd != 0 && crowd != 1) {
            throw new BadField("annotation " + id + " iscrowd must be 0 or 1, got " + crowd);
        }
        return new Annotation(id, imageId, categoryId, bbox, crowd == 1);
    }

    private static Category category(JsonNode n) throws BadField {
        long id = whole(n, "id", true);
        JsonNode name = n.get("name");
        if (name == null || !name.isTextual() || name.asText().isBlank()) {
            throw new BadField("category id " + id + " has an empty or missing name");
        }
        return new Category(id, name.asText());
    }

    /** A whole-number field (0 when absent and not required). */
    private static long whole(JsonNode n, String key, boolean required) throws BadField {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            if (required) {
                throw new BadField("no " + key);
            }
            return 0;
        }
        if (!v.isNumber()) {
            throw new BadField(key + " " + v + " is not a number");
        }
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return v.asLong();
        }
        double d = v.asDouble();
        if (d != Math.rint(d) || Math.abs(d) > 1e15) {
            throw new BadField(key + " " + v + " is not a whole number");
        }
        return (long) d;
    }

    private static int size(JsonNode n, String key) throws BadField {
        long v = whole(n, key, false);
        if (v < 0 || v > 1 << 20) {
            throw new BadField(key + " " + v + " is not an image size in pixels");
        }
        return (int) v;
    }
}
