package dev.retinaj.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retinaj.TinyRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The report a finished training leaves: written after result.json, so it shows the run as finished. */
class ReportHookTest {
    @Test
    void trainingLeavesTheRunReport() throws Exception {
        Path run = TinyRun.run();
        Path report = run.resolve("report.html");
        assertTrue(Files.isRegularFile(report), "no report.html after training");
        String html = Files.readString(report);
        assertTrue(html.startsWith("<!DOCTYPE html>") || html.startsWith("<!doctype html>"), html.substring(0, 40));
        assertTrue(html.contains("circle") && html.contains("triangle"), "per-class rows missing");
        // written after result.json: the finished run, with the iterations result.json holds (12)
        assertTrue(Files.isRegularFile(run.resolve("result.json")));
        assertTrue(html.contains("<tr><td>status</td><td>finished</td></tr>"), "the final report is not 'finished'");
        assertTrue(html.contains("<tr><td>iterations</td><td>12</td></tr>"), "no iteration count from result.json");
        assertTrue(!html.contains("running (no result.json yet)"));
        assertTrue(Files.readString(run.resolve("train.log")).lines().noneMatch(l -> l.contains("report.html not written")));
    }
}
