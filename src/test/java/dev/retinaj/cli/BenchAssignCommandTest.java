package dev.retinaj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchAssignCommandTest {
    @Test
    void smallRunPrintsJsonWithTimings() throws Exception {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out));
        int code = cl.execute("bench", "assign", "--height", "100", "--width", "130", "--classes", "3", "--gt", "2",
                "--iters", "2", "--warmup", "1", "--json");
        assertEquals(0, code);
        JsonNode j = new ObjectMapper().readTree(out.toString());
        assertEquals(128, j.get("padded").get(0).asInt());
        assertEquals(256, j.get("padded").get(1).asInt());
        // P3..P7 of 128 × 256: (16·32 + 8·16 + 4·8 + 2·4 + 1·2) locations × 9 anchors
        assertEquals(9 * (512 + 128 + 32 + 8 + 2), j.get("anchors").asInt());
        assertTrue(j.get("ms_per_batch").asDouble() > 0);
        assertTrue(j.get("assign_ms").asDouble() > 0);
    }

    @Test
    void rejectsNonPositiveSizes() {
        CommandLine cl = Main.commandLine();
        cl.setErr(new PrintWriter(new StringWriter()));
        assertEquals(2, cl.execute("bench", "assign", "--batch", "0"));
    }
}
