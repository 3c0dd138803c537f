package dev.retinaj.tensorboard;

import dev.retinaj.tensorboard.proto.Event;
import dev.retinaj.util.AtomicFile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The event files of a log directory when a run resumes from a checkpoint: the steps after it were
 * logged by the interrupted run and are logged again by the resumed one, so they are cut from the old
 * files (with a killed writer's broken tail). TensorBoard then shows each step once, whatever reader
 * it uses (TensorFlow's SessionLog START purge works only in the Python loader and drops the
 * checkpoint's own step too).
 */
public final class EventFiles {
    static final String PREFIX = "events.out.tfevents.";

    private EventFiles() {}

    /** The event files of {@code logDir} by name (TensorBoard's reading order); none if it does not exist. */
    public static List<Path> list(Path logDir) throws IOException {
        if (!Files.isDirectory(logDir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(logDir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(PREFIX) && Files.isRegularFile(p))
                    .sorted().toList();
        }
    }

    /**
     * Rewrites each event file of {@code logDir} without the events of steps after {@code step}
     * (atomically: a temp file, then a rename); files with nothing to drop are left untouched.
     *
     * @return how many events were dropped
     */
    public static int dropAfter(Path logDir, long step) throws IOException {
        int dropped = 0;
        for (Path f : list(logDir)) {
            byte[] all = Files.readAllBytes(f);
            List<byte[]> records;
            try (InputStream in = new ByteArrayInputStream(all)) {
                records = TfRecord.readIntact(in);
            }
            List<byte[]> kept = new ArrayList<>();
            for (byte[] r : records) {
                if (Event.parseFrom(r).getStep() <= step) {
                    kept.add(r);
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (byte[] r : kept) {
                TfRecord.write(out, r);
            }
            if (out.size() != all.length) {
                // a hidden .tmp: TensorBoard would read NAME.tmp as one more event file
                AtomicFile.write(f, "." + f.getFileName() + ".tmp", tmp -> Files.write(tmp, out.toByteArray()));
                dropped += records.size() - kept.size();
            }
        }
        return dropped;
    }
}
