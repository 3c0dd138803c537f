package dev.retinaj.spark;

import dev.retinaj.data.RgbImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.util.LongAccumulator;
import org.apache.spark.util.SerializableConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The executor side of the predict job: the images of a partition are read through the Hadoop file
 * system, decoded, and run through the JVM's shared detector {@code test.batch_size} at a time, with
 * as many engine threads as the task has cores ({@code spark.task.cpus}). An unreadable image becomes
 * a row with an error, unless the job is to fail on it.
 */
final class PartitionPredictor implements MapPartitionsFunction<Row, Row> {
    private static final Logger LOG = LoggerFactory.getLogger(PartitionPredictor.class);

    private final ModelSpec spec;
    private final SerializableConfiguration hadoop;
    private final double minScore;
    private final boolean failOnBadImage;
    private final Progress progress;
    /** Test hook: the partition whose first attempt fails after its first batch, or -1. */
    private final int failPartition;

    /** The job's named accumulators, shown on the stage page of Spark's UI. */
    record Progress(LongAccumulator images, LongAccumulator problems, LongAccumulator detections)
            implements java.io.Serializable {
    }

    PartitionPredictor(ModelSpec spec, SerializableConfiguration hadoop, double minScore, boolean failOnBadImage,
                       Progress progress, int failPartition) {
        this.spec = spec;
        this.hadoop = hadoop;
        this.minScore = minScore;
        this.failOnBadImage = failOnBadImage;
        this.progress = progress;
        this.failPartition = failPartition;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> input) {
        TaskContext task = TaskContext.get();
        int threads = task == null ? 1 : task.cpus();
        return new Iterator<>() {
            private final ArrayDeque<Row> ready = new ArrayDeque<>();
            private int batches;

            @Override
            public boolean hasNext() {
                while (ready.isEmpty() && input.hasNext()) {
                    if (batches == 1 && task != null && task.partitionId() == failPartition && task.attemptNumber() == 0) {
                        throw new IllegalStateException("injected failure in partition " + failPartition);
                    }
                    ready.addAll(batch(input, threads));
                    batches++;
                }
                return !ready.isEmpty();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return ready.poll();
            }
        };
    }

    private List<Row> batch(Iterator<Row> input, int threads) {
        List<Row> out = new ArrayList<>();
        List<RgbImage> images = new ArrayList<>();
        List<String> files = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        while (images.size() < spec.batchSize() && input.hasNext()) {
            Row r = input.next();
            String file = r.getString(0);
            Long id = r.isNullAt(1) ? null : r.getLong(1);
            if (id == null) {
                out.add(problem(file, null, "no image of this file name in the ground truth"));
                continue;
            }
            try {
                images.add(read(file));
                files.add(file);
                ids.add(id);
            } catch (IOException | RuntimeException e) {
                out.add(problem(file, id, e.getMessage() == null ? e.toString() : e.getMessage()));
            }
        }
        if (!images.isEmpty()) {
            long[] idArray = ids.stream().mapToLong(Long::longValue).toArray();
            List<ImageDetections> found = DetectorHolder.get(spec, threads).detect(images, idArray, files);
            for (int i = 0; i < found.size(); i++) {
                Row row = ImageRows.detections(files.get(i), idArray[i], found.get(i), spec, minScore);
                progress.detections().add(row.getList(3).size());
                out.add(row);
            }
            progress.images().add(found.size());
        }
        return out;
    }

    private Row problem(String file, Long id, String error) {
        if (failOnBadImage) {
            throw new BadImageException(file + ": " + error);
        }
        LOG.warn("{}: skipped, {}", file, error);
        progress.problems().add(1);
        return ImageRows.problem(file, id, error);
    }

    /** Decodes a file of any Hadoop file system; files of other systems go through a local temp copy. */
    private RgbImage read(String file) throws IOException {
        org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(file);
        FileSystem fs = p.getFileSystem(hadoop.value());
        if (fs instanceof LocalFileSystem || fs instanceof RawLocalFileSystem) {
            return ExecutorDetector.decode(Path.of(fs.makeQualified(p).toUri()));
        }
        Path tmp = Files.createTempFile("retinaj-image-", "-" + p.getName());
        try {
            try (InputStream in = fs.open(p)) {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            }
            return ExecutorDetector.decode(tmp);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** An unreadable image under {@code --fail-on-bad-image}: fails the task, and so the job. */
    static final class BadImageException extends RuntimeException {
        BadImageException(String message) {
            super(message);
        }
    }
}
