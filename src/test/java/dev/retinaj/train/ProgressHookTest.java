package dev.retinaj.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retinaj.TinyRun;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressHookTest {
    @Test
    void trainLogHasOneLinePerLogPeriod() throws Exception {
        RunDirectory run = new RunDirectory(TinyRun.run());
        List<String> lines = Files.readAllLines(run.log()).stream().filter(l -> l.contains(" iteration ")
                && l.contains("/12: loss ")).toList();
        // the tiny run: 12 iterations, log_period 1
        assertEquals(12, lines.size(), String.join("\n", lines));
        for (int i = 0; i < 12; i++) {
            String l = lines.get(i);
            assertTrue(l.contains("INFO") && l.contains("iteration " + (i + 1) + "/12: loss ") && l.contains(" lr ")
                    && l.contains(" s/it eta "), l);
        }
    }
}
