package dev.retinaj.train;

import dev.retinaj.util.BadFileException;
import dev.retinaj.util.UsageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The files of one run, as docs/cli.md lists them. */
public record RunDirectory(Path root) {
    public Path config() {
        return root.resolve("config.yaml");
    }

    public Path metrics() {
        return root.resolve("metrics.jsonl");
    }

    public Path checkpoints() {
        return root.resolve("checkpoints");
    }

    public Path log() {
        return root.resolve("train.log");
    }

    public Path curves() {
        return root.resolve("curves.png");
    }

    public Path eval() {
        return root.resolve("eval");
    }

    /** TensorBoard's log directory ({@code train.tensorboard}). */
    public Path tensorboard() {
        return root.resolve("tb");
    }

    public Path diagnostics() {
        return root.resolve("diagnostics");
    }

    public boolean holdsRun() {
        return Files.exists(config());
    }

    /**
     * The run directory for a new run: {@code out} if given (it must not hold a run already), else
     * {@code runs/NAME}, or {@code runs/NAME_2}, {@code _3} ... if that is taken, so nothing is overwritten.
     */
    public static RunDirectory forNewRun(Path out, String name) {
        if (out != null) {
            RunDirectory d = new RunDirectory(out);
            if (d.holdsRun()) {
                throw new UsageException(out + " already holds a run; continue it with --resume " + out
                        + ", or pick another --out");
            }
            return d;
        }
        Path base = Path.of("runs", name);
        Path p = base;
        for (int i = 2; new RunDirectory(p).holdsRun(); i++) {
            p = Path.of("runs", name + "_" + i);
        }
        return new RunDirectory(p);
    }

    /** The most recently used run directory of config {@code name} under runs/, for a bare --resume. */
    public static RunDirectory latestOf(String name) {
        Path runs = Path.of("runs");
        if (!Files.isDirectory(runs)) {
            throw new UsageException("--resume: no runs/ directory here; name the run directory: --resume RUN_DIR");
        }
        try (var s = Files.list(runs)) {
            return s.filter(p -> p.getFileName().toString().equals(name) || p.getFileName().toString().startsWith(name + "_"))
                    .map(RunDirectory::new).filter(RunDirectory::holdsRun)
                    .max((a, b) -> Long.compare(a.lastModified(), b.lastModified()))
                    .orElseThrow(() -> new UsageException("--resume: no run of " + name + " under runs/; name it: --resume RUN_DIR"));
        } catch (IOException e) {
            throw new BadFileException("--resume: cannot list runs/: " + e.getMessage());
        }
    }

    private long lastModified() {
        try {
            return Files.getLastModifiedTime(metrics().toFile().exists() ? metrics() : config()).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }
}
