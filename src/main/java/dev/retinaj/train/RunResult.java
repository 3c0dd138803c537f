package dev.retinaj.train;

import dev.retinaj.util.AtomicFile;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code RUN_DIR/result.json}, written when a run has finished: its final evaluation metrics
 * (AP, AP50 ... or mAP), per class its ground-truth counts and APs ({@code classes}), the losses of its last logged iteration, its training minutes and the
 * training data's load report ({@code data}: images, boxes, clipped, skipped, first_skipped, counting
 * images that failed to decode during training). A run directory with this file is complete.
 */
public record RunResult(long iterations, double minutes, Map<String, Double> metrics,
                        Map<String, Map<String, Number>> classes, Map<String, Double> finalLosses,
                        Map<String, Object> data) {
    private static final ObjectMapper JSON = new ObjectMapper();
    public static final String FILE = "result.json";

    public RunResult {
        metrics = new LinkedHashMap<>(metrics);
        classes = classes == null ? Map.of() : new LinkedHashMap<>(classes);
        finalLosses = new LinkedHashMap<>(finalLosses);
        data = data == null ? Map.of() : new LinkedHashMap<>(data);
    }

    public void write(Path runDir) throws IOException {
        AtomicFile.write(runDir.resolve(FILE), tmp -> JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), this));
    }

    /** The result of a finished run, or null if the run has not finished. */
    public static RunResult read(Path runDir) throws IOException {
        Path f = runDir.resolve(FILE);
        return Files.exists(f) ? JSON.readValue(f.toFile(), RunResult.class) : null;
    }
}
