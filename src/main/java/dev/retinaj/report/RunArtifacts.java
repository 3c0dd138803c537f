package dev.retinaj.report;

import dev.retinaj.util.JsonLines;
import dev.retinaj.util.UsageException;
import dev.retinaj.util.BadFileException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.retinaj.config.ConfigLoader;
import dev.retinaj.config.ConfigWriter;
import dev.retinaj.config.RetinaConfig;
import dev.retinaj.data.DataSource;
import dev.retinaj.data.LoadedSplit;
import dev.retinaj.eval.CocoResultsReader;
import dev.retinaj.eval.GroundTruth;
import dev.retinaj.eval.Result;
import dev.retinaj.infer.SplitEvaluation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What a run directory holds, read for the report: its resolved config, metrics.jsonl, result.json
 * (null while running), the validation split with its ground truth, and the last evaluation's
 * detections ({@code eval/detections.json}).
 */
public record RunArtifacts(Path runDir, String configText, RetinaConfig config, List<JsonNode> metrics,
                           JsonNode result, LoadedSplit val, GroundTruth truth, List<Result> detections) {

    public static RunArtifacts load(Path runDir) {
        return load(runDir, null);
    }

    /** @param cfg the config to read the data with (null: the run's config.yaml), e.g. with overrides */
    public static RunArtifacts load(Path runDir, RetinaConfig cfg) {
        Path cfgFile = runDir.resolve("config.yaml");
        if (!Files.isRegularFile(cfgFile)) {
            throw new UsageException(runDir + ": no config.yaml (is it a RetinaJ run directory?)");
        }
        Path dets = runDir.resolve("eval").resolve("detections.json");
        if (!Files.isRegularFile(dets)) {
            throw new UsageException(runDir + ": no eval/detections.json yet (the run has not finished an evaluation)");
        }
        try {
            String cfgText = cfg == null ? Files.readString(cfgFile) : ConfigWriter.toYaml(cfg);
            if (cfg == null) {
                cfg = ConfigLoader.load(cfgFile, List.of());
            }
            Path metricsFile = runDir.resolve("metrics.jsonl");
            List<JsonNode> rows = Files.isRegularFile(metricsFile) ? JsonLines.read(metricsFile) : List.of();
            Path resultFile = runDir.resolve("result.json");
            JsonNode result = Files.isRegularFile(resultFile) ? new ObjectMapper().readTree(resultFile.toFile()) : null;
            LoadedSplit val = DataSource.val(cfg.data());
            GroundTruth gt = SplitEvaluation.groundTruth(val, cfg.data(), cfg.data().val());
            return new RunArtifacts(runDir, cfgText, cfg, rows, result, val, gt,
                    CocoResultsReader.read(dets, gt));
        } catch (IOException e) {
            throw new BadFileException(runDir + ": cannot read: " + e.getMessage());
        }
    }
}
