package dev.retinaj.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retinaj.data.ShapesGenerator;
import dev.retinaj.data.ShapesParams;
import dev.retinaj.train.RunResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepRunnerTest {
    @TempDir
    Path dir;

    @Test
    void gridParsingKeepsListValuesWhole() {
        GridSpec g = GridSpec.parse("loss.cls.alpha=[0.1,0.9],auto,0.25");
        assertEquals(List.of("[0.1,0.9]", "auto", "0.25"), g.values());
        List<List<String>> p = GridSpec.product(List.of(GridSpec.parse("a.b=1,2"), GridSpec.parse("c=x,y,z")));
        assertEquals(6, p.size());
        assertEquals(List.of("a.b=1", "c=x"), p.get(0));
        assertEquals(List.of("a.b=2", "c=z"), p.get(5));
        assertEquals("b-1_c-x", GridSpec.runName(p.get(0)));
    }

    @Test
    void twoByTwoGridMakesFourRunsASummaryAndPlotsAndResumesOnlyWhatIsMissing() throws IOException {
        Path data = dir.resolve("shapes");
        ShapesGenerator.generate(data, new ShapesParams(12, 4, 96, 9, 1.0));
        List<String> sets = List.of("data.root=" + data, "data.min_size=[96]", "data.max_size=96", "test.min_size=96",
                "test.max_size=96", "data.workers=1", "threads=1", "model.backbone.width=0.25",
                "model.fpn.channels=16", "model.head.channels=16", "model.head.num_convs=1", "train.batch_size=4",
                "train.max_iters=3", "train.warmup.iters=1", "train.checkpoint_period=2", "train.log_period=1",
                "data.shapes.generate=false");
        List<GridSpec> grid = List.of(GridSpec.parse("loss.cls.gamma=0,2"), GridSpec.parse("loss.cls.alpha=0.25,-1"));
        Path out = dir.resolve("sweep");
        Path config = Path.of("configs/shapes_r18_fpn_demo.yaml");
        List<SweepSummary.Row> rows = new SweepRunner(config, sets, grid, out).run();
        assertEquals(4, rows.size());
        for (SweepSummary.Row r : rows) {
            assertTrue(Files.isRegularFile(r.dir().resolve("config.yaml")), r.name());
            RunResult res = RunResult.read(r.dir());
            assertEquals(3, res.iterations());
            double ap = res.metrics().get("AP");
            assertTrue(ap >= 0 && ap <= 1, r.name() + " AP " + ap);
        }
        List<String> csv = Files.readAllLines(out.resolve("summary.csv"));
        assertEquals(5, csv.size());
        assertTrue(csv.get(0).startsWith("run,loss.cls.gamma,loss.cls.alpha,AP,AP50"), csv.get(0));
        assertTrue(csv.get(1).startsWith("gamma-0_alpha-0.25,0,0.25,"), csv.get(1));
        assertEquals(6, Files.readAllLines(out.resolve("summary.md")).size());
        for (String png : List.of("ap_vs_loss_cls_gamma.png", "ap_vs_loss_cls_alpha.png", "curves.png")) {
            assertTrue(Files.size(out.resolve(png)) > 1000, png);
        }

        // an interrupted run (no result.json, a checkpoint at 2) is resumed; finished runs are left alone
        Path cut = rows.get(3).dir();
        Files.delete(cut.resolve(RunResult.FILE));
        deleteTree(cut.resolve("checkpoints").resolve("ckpt_0000003"));
        FileTime before = Files.getLastModifiedTime(rows.get(0).dir().resolve(RunResult.FILE));
        assertNull(RunResult.read(cut));
        new SweepRunner(config, sets, grid, out).run();
        assertEquals(before, Files.getLastModifiedTime(rows.get(0).dir().resolve(RunResult.FILE)));
        assertEquals(3, RunResult.read(cut).iterations());
        assertTrue(Files.readString(cut.resolve("train.log")).contains("(iteration 2)"), "did not resume");
        assertNotEquals(-1, Files.readAllLines(out.resolve("summary.csv")).get(4).indexOf("gamma-2_alpha--1"));
    }

    private static void deleteTree(Path p) throws IOException {
        try (var s = Files.walk(p)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
