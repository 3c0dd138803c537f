package dev.retinaj.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.retinaj.cli.Main;
import dev.retinaj.train.RunResult;
import dev.retinaj.cli.Main;
import dev.retinaj.util.UsageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShardTest {
    @TempDir
    Path dir;

    @Test
    void everyGridIndexIsInExactlyOneShard() {
        for (int n = 1; n <= 5; n++) {
            for (int g = 0; g < 23; g++) {
                int owners = 0;
                for (int i = 0; i < n; i++) {
                    owners += new Shard(i, n).owns(g) ? 1 : 0;
                }
                assertEquals(1, owners, "index " + g + " of " + n + " shards");
            }
        }
        assertEquals(new Shard(2, 3), Shard.parse("2/3"));
        for (String bad : List.of("3/3", "-1/2", "1", "a/b", "1/0")) {
            UsageException e = assertThrows(UsageException.class, () -> Shard.parse(bad), bad);
            assertEquals(2, Main.exitCode(e));
        }
    }

    @Test
    void shardsThenSummaryEqualTheUnshardedSweep() throws IOException {
        Path data = dir.resolve("shapes");
        assertEquals(0, Main.run("data", "shapes", "--out", data.toString(), "--train", "8", "--val", "3", "--size", "96"));
        List<String> sets = List.of("data.root=" + data, "data.min_size=[96]", "data.max_size=96", "test.min_size=96",
                "test.max_size=96", "data.workers=1", "threads=1", "model.backbone.width=0.25",
                "model.fpn.channels=16", "model.head.channels=16", "model.head.num_convs=1", "train.batch_size=4",
                "train.max_iters=2", "train.warmup.iters=1", "train.checkpoint_period=2", "train.log_period=1",
                "data.shapes.generate=false");
        List<GridSpec> grid = List.of(GridSpec.parse("loss.cls.gamma=0,2,3"));
        Path config = Path.of("configs/shapes_r18_fpn_demo.yaml");
        Path whole = dir.resolve("whole");
        new SweepRunner(config, sets, grid, whole).run();

        Path sharded = dir.resolve("sharded");
        List<SweepSummary.Row> first = new SweepRunner(config, sets, grid, sharded).run(Shard.parse("0/2"));
        assertEquals(List.of(true, false, true), first.stream().map(r -> r.result() != null).toList());
        assertNull(RunResult.read(sharded.resolve(first.get(1).name())));
        new SweepRunner(config, sets, grid, sharded).run(Shard.parse("1/2"));
        new SweepRunner(config, sets, grid, sharded).summarize();
        assertEquals(withoutMinutes(whole.resolve("summary.csv")), withoutMinutes(sharded.resolve("summary.csv")));
    }

    /** summary.csv without its last column (wall-clock minutes, the one thing two equal runs differ in). */
    private static List<String> withoutMinutes(Path csv) throws IOException {
        return Files.readAllLines(csv).stream().map(l -> l.substring(0, l.lastIndexOf(','))).toList();
    }
}
