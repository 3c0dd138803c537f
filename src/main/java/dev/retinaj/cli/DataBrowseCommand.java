package dev.retinaj.cli;

import dev.retinaj.util.UsageException;
import dev.retinaj.util.BadFileException;
import dev.retinaj.util.Interrupts;
import dev.retinaj.util.OutputFolder;
import dev.retinaj.config.RetinaConfig;
import dev.retinaj.data.BatchLoader;
import dev.retinaj.data.BatchPreview;
import dev.retinaj.data.DataSource;
import dev.retinaj.data.HostBatch;
import dev.retinaj.data.LoadedSplit;
import dev.retinaj.data.TransformSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code retinaj data browse}: the first training samples, augmented exactly as training sees them, as PNGs. */
@Command(name = "browse", mixinStandardHelpOptions = true,
        description = "Draw the first N training samples as the trainer gets them (order, scale, flip and "
                + "data.augment of iteration 0 on, padding included) with their boxes, as PNG files.",
        footer = {"", "Example:", "  retinaj data browse -c configs/shapes_hard_r18_fpn.yaml --out runs/browse --n 16"})
public final class DataBrowseCommand implements Runnable {
    @Mixin
    ConfigOptions config;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for the PNG files.")
    Path out;
    @Option(names = "--n", defaultValue = "16", description = "Samples to draw (default: ${DEFAULT-VALUE}).")
    int n;
    @Mixin
    CommonOptions common;

    @Override
    public void run() {
        if (n < 1) {
            throw new UsageException("--n must be at least 1, got " + n);
        }
        OutputFolder.check("--out", out, false);
        RetinaConfig cfg = config.loadRequired();
        LoadedSplit split = DataSource.train(cfg.data());
        TransformSpec t = TransformSpec.train(cfg.data());
        PrintWriter w = common.out();
        int written = 0;
        try (BatchLoader loader = BatchLoader.training(split, cfg)) {
            Files.createDirectories(out);
            Iterator<HostBatch> it = loader.iterate(0);
            Interrupts.phase("drawing samples into " + out);
            for (long iter = 0; written < n; iter++) {
                HostBatch b = it.next();
                for (int i = 0; b != null && i < b.batchSize() && written < n; i++) {
                    Interrupts.check(); // between files: each PNG is whole
                    Path file = out.resolve(String.format("sample_%03d_iter%d_%s.png", written, iter,
                            b.infos().get(i).name()));
                    ImageIO.write(BatchPreview.render(b, i, t.mean(), t.std(), split.classNames()), "png", file.toFile());
                    w.printf("%s: %d boxes, %dx%d%n", file, b.numBoxes(i), b.infos().get(i).width(),
                            b.infos().get(i).height());
                    written++;
                }
            }
        } catch (IOException e) {
            throw new BadFileException(out + ": cannot write the samples: " + OutputFolder.reason(e));
        }
        w.flush();
    }
}
