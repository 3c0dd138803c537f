package dev.retinaj.data;

import dev.retinaj.config.DataConfig.OnBadSample;
import dev.retinaj.util.BadFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Applies {@code data.on_bad_sample}: with {@code fail} the first problem becomes a one-line
 * {@link BadFileException} naming the file; with {@code skip} it is logged, counted and the caller drops
 * the sample (or the box). Thread-safe: batch workers report decode failures here.
 */
public final class BadSamples {
    private static final Logger LOG = LogManager.getLogger(BadSamples.class);

    private final OnBadSample policy;
    private final boolean log;
    private final List<Problem> problems = new ArrayList<>();
    private int clippedBoxes;

    public BadSamples(OnBadSample policy) {
        this(policy, true);
    }

    private BadSamples(OnBadSample policy, boolean log) {
        this.policy = policy;
        this.log = log;
    }

    /** Collects problems without failing or logging (used by {@code data stats}, which lists them). */
    public static BadSamples collecting() {
        return new BadSamples(OnBadSample.SKIP, false);
    }

    public OnBadSample policy() {
        return policy;
    }

    /** Records a problem; throws under {@code fail}, returns (caller skips) under {@code skip}. */
    public void report(Path file, String reason) {
        report(file == null ? "?" : file.toString(), reason);
    }

    public synchronized void report(String file, String reason) {
        if (policy == OnBadSample.FAIL) {
            throw new BadFileException(file + ": " + reason + " (data.on_bad_sample: fail)");
        }
        problems.add(new Problem(file, reason));
        if (log) {
            LOG.warn("skipping bad sample {}: {}", file, reason);
        }
    }

    /** Boxes reaching outside the image are clipped, not bad: only counted. */
    public synchronized void countClipped() {
        clippedBoxes++;
    }

    public synchronized List<Problem> problems() {
        return List.copyOf(problems);
    }

    public synchronized int clippedBoxes() {
        return clippedBoxes;
    }
}
