package dev.retinaj.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retinaj.TinyRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ReportHookTest {
    @Test
    void trainingLeavesTheRunReport() throws Exception {
        Path run = TinyRun.run();
        Path report = run.resolve("report.html");
        assertTrue(Files.isRegularFile(report), "no report.html after training");
        String html = Files.readString(report);
        assertTrue(html.startsWith("<!DOCTYPE html>") || html.startsWith("<!doctype html>"), html.substring(0, 40));
        assertTrue(html.contains("circle") && html.contains("triangle"), "per-class rows missing");
        assertTrue(Files.readString(run.resolve("train.log")).lines().noneMatch(l -> l.contains("report.html not written")));
    }
}
