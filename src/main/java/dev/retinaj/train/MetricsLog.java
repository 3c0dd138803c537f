package dev.retinaj.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.retinaj.util.AtomicFile;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code metrics.jsonl}: one JSON object per logged iteration (or evaluation), flushed as written.
 * On resume, lines past the checkpoint's iteration are dropped first, since that work is redone.
 * Read with {@link dev.retinaj.util.JsonLines#read}.
 */
public final class MetricsLog implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;
    private final BufferedWriter out;

    private MetricsLog(Path file, BufferedWriter out) {
        this.file = file;
        this.out = out;
    }

    /** Opens for appending after dropping lines whose {@code iter} is above {@code keepUpTo}. */
    public static MetricsLog open(Path file, long keepUpTo) throws IOException {
        if (Files.exists(file)) {
            List<String> kept = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    JsonNode n = JSON.readTree(line);
                    if (n.path("iter").asLong(Long.MAX_VALUE) <= keepUpTo) {
                        kept.add(line);
                    }
                } catch (IOException e) {
                    // a line cut short by a kill: drop it
                }
            }
            AtomicFile.write(file, tmp -> Files.write(tmp, kept, StandardCharsets.UTF_8));
        }
        return new MetricsLog(file, Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND));
    }

    public synchronized void write(Map<String, ?> record) {
        try {
            out.write(JSON.writeValueAsString(record));
            out.newLine();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
