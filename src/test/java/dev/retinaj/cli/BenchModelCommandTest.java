package dev.retinaj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchModelCommandTest {
    @Test
    void jsonHasTheContractKeysAndConsistentFigures() throws Exception {
        CliTest.Result r = CliTest.run("bench", "model", "--backbone", "r18", "--size", "64", "--batch", "2",
                "--warmup", "0", "--iters", "1", "--classes", "3", "--set", "model.fpn.channels=32",
                "--set", "model.head.channels=32", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        for (String k : List.of("backbone", "size", "batch", "forward_s", "train_step_s", "images_per_s",
                "gflops_per_image", "achieved_gflops_per_s")) {
            assertTrue(j.has(k), k);
        }
        assertEquals("r18", j.get("backbone").asText());
        assertEquals(64, j.get("size").asInt());
        assertTrue(j.get("forward_s").asDouble() > 0);
        assertEquals(2 / j.get("forward_s").asDouble(), j.get("images_per_s").asDouble(), 0.01 * j.get("images_per_s").asDouble() + 1e-3);
        assertTrue(j.get("gflops_per_image").asDouble() > 0.1);
    }

    /** --profile writes a Chrome trace of the timed inference passes: convolutions of the forward, no backward. */
    @Test
    void profileTracesTheTimedInferencePasses(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path trace = dir.resolve("trace.json");
        CliTest.Result r = CliTest.run("bench", "model", "--backbone", "r18", "--size", "64", "--batch", "1",
                "--warmup", "1", "--iters", "2", "--classes", "3", "--set", "model.fpn.channels=32",
                "--set", "model.head.channels=32", "--profile", trace.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode events = new ObjectMapper().readTree(trace.toFile());
        events = events.isArray() ? events : events.get("traceEvents");
        long convs = 0;
        for (JsonNode e : events) {
            String name = e.path("name").asText();
            assertTrue(!name.contains("Backward"), "a backward op in the inference profile: " + name);
            convs += name.equals("aten::convolution") ? 1 : 0;
        }
        // r18 has 20 convolutions, the FPN 8 (P6, P7 included), the two subnets 5 each (4 + the final) x 5 levels
        assertEquals(2 * (20 + 8 + 2 * 5 * 5), convs, "two timed passes, none of the warm-up");
    }

    @Test
    void unknownBackboneIsAUsageError() {
        CliTest.Result r = CliTest.run("bench", "model", "--backbone", "r42");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--backbone"), r.err());
    }
}
