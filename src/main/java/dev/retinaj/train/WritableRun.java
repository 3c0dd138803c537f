package dev.retinaj.train;

import dev.retinaj.util.BadFileException;
import dev.retinaj.util.OutputFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks at start that a run directory can be written: the folder itself, checkpoints/ and the files
 * a resumed run appends to. Runs before train.log's appender is attached, so a read-only or immutable
 * run directory is one line naming it, not a logging-framework trace or a failure at the first checkpoint.
 */
final class WritableRun {
    private WritableRun() {}

    static void check(RunDirectory run) {
        Path at = run.root();
        try {
            Files.createDirectories(run.root());
            probe(run.root());
            if (Files.isDirectory(run.checkpoints())) {
                at = run.checkpoints();
                probe(at);
            }
            for (Path f : appended(run)) {
                at = f;
                Files.newOutputStream(f, StandardOpenOption.APPEND).close();
            }
        } catch (IOException e) {
            throw new BadFileException(at + ": the run directory cannot be written (" + OutputFolder.reason(e)
                    + "); choose another --out, or make it writable");
        }
    }

    private static void probe(Path dir) throws IOException {
        Path p = Files.createTempFile(dir, ".write-probe", ".tmp");
        Files.delete(p);
    }

    private static List<Path> appended(RunDirectory run) {
        List<Path> out = new ArrayList<>();
        for (Path f : List.of(run.log(), run.metrics(), run.config())) {
            if (Files.exists(f)) {
                out.add(f);
            }
        }
        return out;
    }
}
