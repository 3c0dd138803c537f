package dev.retinaj;

import dev.retinaj.cli.Main;
import dev.retinaj.data.ShapesGenerator;
import dev.retinaj.data.ShapesParams;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * One finished run of the demo config on tiny generated images (a few CPU seconds), trained once per
 * test JVM and shared: config.yaml, metrics.jsonl, eval/, serving/ as a real run holds them.
 */
public final class TinyRun {
    private static Path root;

    private TinyRun() {}

    /** The run directory; its data set is {@link #data()}. */
    public static synchronized Path run() {
        if (root == null) {
            try {
                Path dir = Files.createTempDirectory("retinaj-tinyrun");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
                ShapesGenerator.generate(dir.resolve("shapes"), new ShapesParams(24, 8, 96, 5, 1.0));
                List<String> args = new ArrayList<>(List.of("train", "-c", "configs/shapes_r18_fpn_demo.yaml",
                        "--out", dir.resolve("run").toString()));
                for (String s : settings(dir.resolve("shapes"))) {
                    args.add("--set");
                    args.add(s);
                }
                if (Main.run(args.toArray(String[]::new)) != 0) {
                    throw new IllegalStateException("the tiny training run failed");
                }
                root = dir;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return root.resolve("run");
    }

    public static Path data() {
        run();
        return root.resolve("shapes");
    }

    static List<String> settings(Path data) {
        return List.of("data.root=" + data, "data.min_size=[96]", "data.max_size=96", "test.min_size=96",
                "test.max_size=96", "data.workers=1", "seed=3", "threads=1", "model.backbone.width=0.25",
                "model.fpn.channels=16", "model.head.channels=16", "model.head.num_convs=1",
                "model.anchors.sizes=[16,32,64,128,256]", "train.batch_size=4", "train.max_iters=12",
                "train.lr=0.01", "train.warmup.iters=2", "train.checkpoint_period=6", "train.eval_period=6",
                "train.log_period=1", "train.clip_grad_norm=10", "data.shapes.generate=false");
    }

    private static void delete(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp folder left behind is harmless
        }
    }
}
