package dev.retinaj.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.retinaj.config.ConfigLoader;
import dev.retinaj.data.ShapesGenerator;
import dev.retinaj.data.ShapesParams;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A forced non-finite step (lr 1e12) writes a diagnostic holding what the README promises. */
class NonFiniteDiagnosticTest {
    @TempDir
    Path dir;

    @Test
    void theDiagnosticHoldsLossesImagesBoxesLevelsAndLogitRanges() throws Exception {
        Path data = dir.resolve("shapes");
        ShapesGenerator.generate(data, new ShapesParams(8, 2, 96, 5, 1.0));
        RunDirectory run = new RunDirectory(dir.resolve("nan"));
        assertThrows(TrainingDiverged.class, () -> new TrainRunner(ConfigLoader.load(
                Path.of("configs/shapes_r18_fpn_demo.yaml"), TrainEndToEndTest.tinyFor(data, "train.lr=1e12",
                        "train.clip_grad_norm=0", "train.warmup.iters=0", "train.max_non_finite=1", "train.max_iters=20",
                        "train.checkpoint_period=0", "data.val=[]")), run, false).run());
        List<Path> files;
        try (var s = Files.list(run.diagnostics())) {
            files = s.toList();
        }
        assertEquals(1, files.size());
        JsonNode d = new ObjectMapper().readTree(files.get(0).toFile());
        assertTrue(d.get("reason").asText().startsWith("non-finite "), d.toString());
        assertTrue(d.get("iteration").asLong() >= 1);
        double loss = number(d, "loss");
        double cls = number(d, "loss_cls");
        double box = number(d, "loss_box");
        if (d.get("reason").asText().equals("non-finite loss")) {
            assertFalse(Double.isFinite(loss), d.toString());
            assertFalse(Double.isFinite(cls) && Double.isFinite(box), "a non-finite total has a non-finite part: " + d);
        } else {
            assertEquals(cls + box, loss, 1e-5 * Math.max(1, Math.abs(loss)), "loss = loss_cls + loss_box");
        }
        Map<String, Long> ids = new HashMap<>(); // file_name -> image id, as the data set has them
        for (JsonNode im : new ObjectMapper().readTree(data.resolve("annotations/instances_train.json").toFile()).get("images")) {
            ids.put(im.get("file_name").asText(), im.get("id").asLong());
        }
        JsonNode images = d.get("images");
        assertEquals(4, images.size()); // train.batch_size
        int boxes = 0;
        for (JsonNode im : images) {
            assertTrue(im.get("path").asText().startsWith(data.toString()), im.toString());
            String file = Path.of(im.get("path").asText()).getFileName().toString();
            assertEquals(ids.get(file), im.get("id").asLong(), im.toString());
            assertEquals(file.substring(0, file.lastIndexOf('.')), im.get("name").asText(), im.toString());
            for (JsonNode b : im.get("boxes_x1y1x2y2_label")) {
                assertEquals(5, b.size());
                assertTrue(b.get(2).asDouble() > b.get(0).asDouble() && b.get(3).asDouble() > b.get(1).asDouble());
                boxes++;
            }
        }
        assertTrue(boxes > 0);
        JsonNode levels = d.get("levels");
        assertEquals(5, levels.size());
        double positives = 0;
        for (int i = 0; i < 5; i++) {
            JsonNode l = levels.get(i);
            assertEquals(8 << i, l.get("stride").asInt());
            int side = (96 + (8 << i) - 1) / (8 << i); // ceil(96 / stride)
            assertEquals(List.of(side, side),
                    List.of(l.get("size").get(0).asInt(), l.get("size").get(1).asInt()), l.toString());
            assertTrue(l.has("cls_logit_absmax") && l.has("box_delta_absmax") && l.has("cls_logit_non_finite"), l.toString());
            positives += l.get("positives").asDouble();
        }
        assertEquals(d.get("num_pos").asDouble(), positives, 1e-3, "per-level positives add up to num_pos");
        if (d.get("reason").asText().equals("non-finite gradient")) {
            assertTrue(d.get("gradient_norms").size() > 10 && d.get("non_finite_parameters").size() > 0, d.toString());
        }
    }

    /** A number of the diagnostic: JSON has no NaN or infinity, so those are written as strings ("NaN", "Infinity"). */
    private static double number(JsonNode d, String field) {
        JsonNode n = d.get(field);
        assertNotNull(n, field + " missing: " + d);
        return n.isNumber() ? n.asDouble() : Double.parseDouble(n.asText());
    }
}
