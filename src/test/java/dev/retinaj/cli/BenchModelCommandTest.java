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

    @Test
    void unknownBackboneIsAUsageError() {
        CliTest.Result r = CliTest.run("bench", "model", "--backbone", "r42");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--backbone"), r.err());
    }
}
