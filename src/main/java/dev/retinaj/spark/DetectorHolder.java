package dev.retinaj.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.SparkFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One detector per executor JVM and model, loaded by the first task that needs it and shared by all
 * later and concurrent tasks (the model is read-only at inference; each batch works in its own
 * NDManager). Native memory is freed by a JVM shutdown hook, which runs when the executor exits:
 * a task-completion listener would free the model after every task and reload it for the next.
 */
final class DetectorHolder {
    private static final Logger LOG = LoggerFactory.getLogger(DetectorHolder.class);
    private static final Map<String, ExecutorDetector> DETECTORS = new HashMap<>();
    private static boolean hooked;

    private DetectorHolder() {
    }

    static synchronized ExecutorDetector get(ModelSpec spec, int threads) {
        ExecutorDetector d = DETECTORS.get(spec.key());
        if (d == null) {
            long t0 = System.nanoTime();
            Path shipped = Path.of(SparkFiles.get(spec.shippedName()));
            try {
                d = ExecutorDetector.open(spec, shipped, threads);
            } catch (IOException e) {
                throw new UncheckedIOException(shipped + ": cannot load the model", e);
            }
            DETECTORS.put(spec.key(), d);
            LOG.info("model {} loaded in {} ms with {} engine thread(s)", spec.key(),
                    (System.nanoTime() - t0) / 1_000_000, threads);
            if (!hooked) {
                Runtime.getRuntime().addShutdownHook(new Thread(DetectorHolder::closeAll, "retinaj-free-models"));
                hooked = true;
            }
        }
        return d;
    }

    static synchronized void closeAll() {
        DETECTORS.values().forEach(ExecutorDetector::close);
        DETECTORS.clear();
    }
}
