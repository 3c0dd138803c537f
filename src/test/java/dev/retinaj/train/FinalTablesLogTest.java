package dev.retinaj.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.retinaj.TinyRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** train.log keeps the final evaluation's tables, per-class AP included, with result.json's values. */
class FinalTablesLogTest {
    @Test
    void trainLogHoldsThePerClassApOfResultJson() throws Exception {
        Path run = TinyRun.run();
        List<String> log = Files.readAllLines(run.resolve("train.log"));
        int at = -1;
        for (int i = 0; i < log.size(); i++) {
            if (log.get(i).endsWith("EvalHook - final evaluation (coco) at iteration 12:")) {
                at = i;
            }
        }
        assertTrue(at >= 0, "no final COCO table in train.log:\n" + String.join("\n", log));
        assertTrue(log.get(at + 1).startsWith(" Average Precision  (AP) @[ IoU=0.50:0.95 | area=   all"), log.get(at + 1));
        String after = String.join("\n", log.subList(at, log.size()));
        JsonNode classes = new ObjectMapper().readTree(run.resolve("result.json").toFile()).get("classes");
        Iterator<Map.Entry<String, JsonNode>> it = classes.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> c = it.next();
            String ap = String.format(Locale.ROOT, "%.4f", c.getValue().get("AP").asDouble());
            assertTrue(after.lines().anyMatch(l -> l.matches(c.getKey() + " +" + ap.replace(".", "\\."))),
                    c.getKey() + " AP " + ap + " not in train.log's table:\n" + after);
        }
    }
}
