package dev.retinaj.eval;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.retinaj.util.BadFileException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams a COCO results file (a list of {@code {"image_id", "category_id", "bbox":[x,y,w,h], "score"}},
 * other keys ignored) and checks each entry against the ground truth. Errors are one-line
 * {@link BadFileException}s naming the file, line and entry.
 */
public final class CocoResultsReader {
    /** Two equal keys in one entry are an error, not "the last one wins". */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private CocoResultsReader() {
    }

    public static List<Result> read(Path file, GroundTruth gt) {
        List<Result> out = new ArrayList<>();
        try (JsonParser p = FACTORY.createParser(file.toFile())) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new BadFileException(file + ": not a COCO results file (expected a JSON list)");
            }
            JsonToken tok;
            while ((tok = p.nextToken()) != JsonToken.END_ARRAY) {
                if (tok != JsonToken.START_OBJECT) {
                    throw fail(file, p, out.size(), "is not an object");
                }
                Result r = readEntry(file, p, out.size());
                try {
                    Result.validate(List.of(r), gt);
                } catch (IllegalArgumentException e) {
                    throw fail(file, p, out.size(), e.getMessage().replaceFirst("^detection 0 ", ""));
                }
                out.add(r);
            }
            if (p.nextToken() != null) {
                throw new BadFileException(file + " line " + p.getCurrentLocation().getLineNr()
                        + ": malformed JSON: content after the list");
            }
        } catch (JsonProcessingException e) {
            throw CocoGroundTruthReader.JsonFiles.malformed(file, e);
        } catch (NoSuchFileException | FileNotFoundException e) {
            throw new BadFileException(file + ": no such file");
        } catch (IOException e) {
            throw new BadFileException(file + ": cannot read (" + e.getMessage() + ")");
        }
        return out;
    }

    private static BadFileException fail(Path file, JsonParser p, int entry, String problem) {
        return new BadFileException(file + " line " + p.getCurrentLocation().getLineNr() + ": detection " + entry + " " + problem);
    }

    private static Result readEntry(Path file, JsonParser p, int entry) throws IOException {
        Long imageId = null;
        Long categoryId = null;
        double[] bbox = null;
        Double score = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken v = p.nextToken();
            switch (key) {
                case "image_id" -> imageId = integer(file, p, v, entry, key);
                case "category_id" -> categoryId = integer(file, p, v, entry, key);
                case "score" -> {
                    if (!v.isNumeric()) {
                        throw fail(file, p, entry, "has a non-numeric \"score\"");
                    }
                    score = p.getDoubleValue();
                    if (!Double.isFinite(score)) {
                        throw fail(file, p, entry, "has a non-finite \"score\" (" + p.getText() + ")");
                    }
                }
                case "bbox" -> bbox = bbox(file, p, v, entry);
                default -> p.skipChildren();
            }
        }
        if (imageId == null || categoryId == null || bbox == null || score == null) {
            throw fail(file, p, entry, "needs \"image_id\", \"category_id\", \"bbox\" and \"score\"");
        }
        return new Result(imageId, (int) (long) categoryId, bbox[0], bbox[1], bbox[2], bbox[3], score);
    }

    private static long integer(Path file, JsonParser p, JsonToken v, int entry, String key) throws IOException {
        if (v == JsonToken.VALUE_NUMBER_INT) {
            return p.getLongValue();
        }
        if (v == JsonToken.VALUE_NUMBER_FLOAT && p.getDoubleValue() == Math.rint(p.getDoubleValue())) {
            return (long) p.getDoubleValue();
        }
        throw fail(file, p, entry, "has a non-integer \"" + key + "\"");
    }

    private static double[] bbox(Path file, JsonParser p, JsonToken v, int entry) throws IOException {
        if (v != JsonToken.START_ARRAY) {
            throw fail(file, p, entry, "has a \"bbox\" that is not [x, y, w, h]");
        }
        double[] bb = new double[4];
        int n = 0;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (!t.isNumeric() || n == 4 || !Double.isFinite(p.getDoubleValue())) {
                throw fail(file, p, entry, "has a \"bbox\" that is not [x, y, w, h]");
            }
            bb[n++] = p.getDoubleValue();
        }
        if (n != 4) {
            throw fail(file, p, entry, "has a \"bbox\" that is not [x, y, w, h]");
        }
        return bb;
    }
}
