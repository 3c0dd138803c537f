package dev.retinaj.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.retinaj.eval.Evaluation;
import dev.retinaj.eval.GroundTruth;
import dev.retinaj.eval.Result;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalPlotsTest {
    @TempDir
    Path dir;

    @Test
    void writesPrConfusionAndScoreCurves() throws Exception {
        GroundTruth gt = GroundTruth.builder().addImage(1, 100, 100).addImage(2, 100, 100)
                .addCategory(1, "a").addCategory(2, "b")
                .addBox(1, 1, 0, 0, 10, 10, false).addBox(1, 2, 50, 50, 70, 70, false)
                .addBox(2, 2, 20, 20, 40, 40, false).build();
        List<Result> dets = List.of(Result.ofCorners(1, 1, 0, 0, 10, 10, 0.9),
                Result.ofCorners(1, 1, 50, 50, 70, 70, 0.6), Result.ofCorners(2, 2, 20, 20, 40, 41, 0.4),
                Result.ofCorners(2, 2, 80, 80, 90, 90, 0.2));
        List<Path> files = EvalPlots.write(gt, dets, Evaluation.run("coco", gt, dets), dir);
        for (String name : List.of("pr_a.png", "pr_b.png", "pr_overall.png", "confusion.png", "confusion.json",
                "score_curves.png")) {
            assertTrue(files.contains(dir.resolve(name)), name + " not in " + files);
            assertTrue(Files.size(dir.resolve(name)) > 100, name);
        }
        JsonNode m = new ObjectMapper().readTree(dir.resolve("confusion.json").toFile());
        assertEquals(EvalPlots.CONFUSION_SCORE, m.get("score_threshold").asDouble());
        // a hit on a; b called a; a hit on b; the 0.2 detection is below the score threshold
        assertEquals("[[1,0,0],[1,1,0],[0,0,0]]", m.get("matrix").toString());
        BufferedImage scores = ImageIO.read(dir.resolve("score_curves.png").toFile());
        assertEquals(3 * 300, scores.getHeight());
    }
}
