package dev.retinaj.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hook: a step whose loss or gradient was not finite has been skipped by the step; this writes its
 * {@link NonFiniteReport} to {@code RUN_DIR/diagnostics/iter_N.json} and stops the run after
 * {@code train.max_non_finite} such steps in a row. First among the hooks, so that the stopping
 * step logs nothing.
 */
final class NonFiniteGuard implements TrainHook {
    private static final Logger LOG = LoggerFactory.getLogger(NonFiniteGuard.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final int maxInRow;
    private int inRow;

    NonFiniteGuard(Path dir, int maxInRow) {
        this.dir = dir;
        this.maxInRow = maxInRow;
    }

    @Override
    public void afterStep(TrainState s) {
        StepResult r = s.step();
        if (r.applied()) {
            inRow = 0;
            return;
        }
        if (r.diagnostic() == null) {
            LOG.debug("iteration {}: fp16 gradients overflowed; step skipped and the loss scale halved", r.iteration());
            return;
        }
        inRow++;
        Map<String, Object> d = r.diagnostic();
        Path file = dir.resolve("iter_" + r.iteration() + ".json");
        try {
            Files.createDirectories(dir);
            JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), d);
        } catch (IOException e) {
            LOG.warn("cannot write diagnostic {}: {}", file, e.getMessage());
        }
        LOG.warn("iteration {}: {}; step skipped ({} in a row), details in {}", r.iteration(), d.get("reason"), inRow,
                file);
        if (inRow >= maxInRow) {
            throw new TrainingDiverged(inRow + " non-finite steps in a row (last at iteration " + r.iteration() + ", see "
                    + file + "); lower train.lr, raise train.warmup.iters or set train.clip_grad_norm, then --resume");
        }
    }
}
