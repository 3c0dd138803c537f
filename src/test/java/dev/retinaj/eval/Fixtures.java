package dev.retinaj.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

/** The pycocotools / VOC-reference fixtures under src/test/resources/eval (see src/test/python). */
final class Fixtures {
    static final List<String> CASES = List.of("edge", "random_ties", "random_dense", "exact_thresholds", "nasty", "duplicate_ids");

    private Fixtures() {
    }

    static Path path(String file) {
        try {
            return Path.of(Fixtures.class.getResource("/eval/" + file).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static GroundTruth gt(String name) {
        return CocoGroundTruthReader.read(path(name + "_gt.json"));
    }

    static List<Result> dt(String name, GroundTruth gt) {
        return CocoResultsReader.read(path(name + "_dt.json"), gt);
    }

    static JsonNode expected(String name) {
        return json(name + "_expected.json");
    }

    static JsonNode json(String file) {
        try {
            return new ObjectMapper().readTree(path(file).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
