package dev.retinaj.train;

import dev.retinaj.plot.EvalPlots;
import dev.retinaj.report.RunArtifacts;
import dev.retinaj.report.ValidationGrid;
import dev.retinaj.tensorboard.EventFiles;
import dev.retinaj.tensorboard.EventWriter;
import dev.retinaj.util.OutputFolder;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hook for {@code train.tensorboard}: an event file in {@code RUN_DIR/tb} with {@code train/loss},
 * {@code train/loss_cls}, {@code train/loss_box}, {@code train/lr} and {@code train/grad_norm} on the
 * iterations metrics.jsonl logs, {@code val/<metric>} and the worst validation images
 * ({@code val/worst_images}) at each evaluation, and {@code best/...} for the evaluation of the best
 * checkpoint after early stopping. On resume, the steps after the checkpoint are cut from the earlier
 * event files before the new one starts ({@link EventFiles#dropAfter}), so each step is shown once.
 * A write that fails costs one WARN line and ends the logging, never the run.
 */
final class TensorBoardHook implements TrainHook {
    private static final Logger LOG = LoggerFactory.getLogger(TensorBoardHook.class);
    static final int GRID_IMAGES = 8;
    static final int GRID_COLUMNS = 4;
    static final int GRID_SIDE = 256;

    private EventWriter writer;

    @Override
    public void beforeTrain(TrainState s) {
        if (!s.cfg().train().tensorboard()) {
            return;
        }
        try {
            int dropped = EventFiles.dropAfter(s.run().tensorboard(), s.iteration());
            if (dropped > 0) {
                LOG.info("TensorBoard: {} events after iteration {} dropped from the earlier event files "
                        + "(the resumed run logs those steps again)", dropped, s.iteration());
            }
            writer = EventWriter.open(s.run().tensorboard());
            LOG.info("TensorBoard events in {} (tensorboard --logdir {})", writer.file(), s.run().tensorboard());
        } catch (IOException e) {
            LOG.warn("{}: cannot write TensorBoard events ({}); training goes on without them",
                    s.run().tensorboard(), OutputFolder.reason(e));
        }
    }

    @Override
    public void afterStep(TrainState s) {
        if (writer == null) {
            return;
        }
        try {
            if (MetricsHook.due(s)) {
                writer.scalars(losses(s.step()), s.iteration());
            }
            if (EvalHook.due(s) && !s.lastEval().isEmpty()) {
                evaluation(s, "val/");
            }
        } catch (IOException | RuntimeException e) {
            fail(s, e);
        }
    }

    @Override
    public void afterTrain(TrainState s) {
        if (writer == null || !s.bestReevaluated()) {
            return;
        }
        try {
            evaluation(s, "best/");
        } catch (IOException | RuntimeException e) {
            fail(s, e);
        }
    }

    static Map<String, Double> losses(StepResult r) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("train/loss", (double) r.losses().total());
        m.put("train/loss_cls", (double) r.losses().cls());
        m.put("train/loss_box", (double) r.losses().box());
        m.put("train/lr", r.lr());
        m.put("train/grad_norm", r.gradNorm());
        m.values().removeIf(v -> !Double.isFinite(v));
        return m;
    }

    /** The headline metrics (undefined ones, -1, left out) and the worst validation images of eval/. */
    private void evaluation(TrainState s, String prefix) throws IOException {
        Map<String, Double> m = new LinkedHashMap<>();
        s.lastEval().forEach((k, v) -> {
            if (v >= 0) {
                m.put(prefix + k, v);
            }
        });
        writer.scalars(m, s.iteration());
        List<ValidationGrid.Tile> tiles = ValidationGrid.worst(RunArtifacts.load(s.run().root()), GRID_IMAGES,
                EvalPlots.CONFUSION_SCORE, EvalPlots.CONFUSION_IOU, GRID_SIDE);
        if (!tiles.isEmpty()) {
            BufferedImage grid = ValidationGrid.mosaic(tiles, GRID_COLUMNS);
            writer.image(prefix + "worst_images", grid, s.iteration());
        }
    }

    private void fail(TrainState s, Exception e) {
        LOG.warn("iteration {}: TensorBoard events stop here ({})", s.iteration(),
                e instanceof IOException io ? OutputFolder.reason(io) : e.getMessage());
        close();
    }

    @Override
    public void close() {
        if (writer != null) {
            try {
                writer.close();
            } catch (IOException e) {
                LOG.warn("{}: {}", writer.file(), OutputFolder.reason(e));
            }
            writer = null;
        }
    }
}
