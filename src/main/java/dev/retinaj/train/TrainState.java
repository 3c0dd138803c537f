package dev.retinaj.train;

import dev.retinaj.checkpoint.CheckpointStore;
import ai.djl.training.Trainer;
import dev.retinaj.config.RetinaConfig;
import dev.retinaj.infer.Detector;
import dev.retinaj.checkpoint.CheckpointMeta;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the hooks see of a run: its fixed parts (config, run directory, detector, trainer, optimiser,
 * checkpoints, metrics log) and how far it is (the iteration, the last step, the last evaluation,
 * the best checkpoint). Requests from hooks (a checkpoint now, stop after this step) are cleared
 * when the next step starts.
 */
public final class TrainState {
    private dev.retinaj.util.ProgressBar progress;
    private final RetinaConfig cfg;
    private final RunDirectory run;
    private final Detector detector;
    private final Trainer trainer;
    private final ClippedOptimizer optimizer;
    private final CheckpointStore store;
    private final MetricsLog metrics;
    private long iteration;
    private StepResult step;
    private Map<String, Double> lastEval = new LinkedHashMap<>();
    private CheckpointStore.Best best;
    private CheckpointStore.Best newBest;
    private boolean checkpointWanted;
    private Path checkpointed;
    private boolean stop;
    private final List<CheckpointStore.ExtraFile> checkpointFiles = new ArrayList<>();
    private CheckpointMeta.EarlyStopState earlyStop;
    private Map<String, Map<String, Number>> lastClasses = Map.of();
    private boolean bestReevaluated;

    /** The parts of a run that do not change while it trains. */
    public record Parts(RetinaConfig cfg, RunDirectory run, Detector detector, Trainer trainer,
                        ClippedOptimizer optimizer, CheckpointStore store) {}

    TrainState(Parts parts, MetricsLog metrics, long startIteration) {
        this.cfg = parts.cfg();
        this.run = parts.run();
        this.detector = parts.detector();
        this.trainer = parts.trainer();
        this.optimizer = parts.optimizer();
        this.store = parts.store();
        this.metrics = metrics;
        this.iteration = startIteration;
        this.best = store.best().orElse(null);
    }

    void beginStep() {
        iteration++;
        step = null;
        newBest = null;
        checkpointWanted = false;
        checkpointed = null;
    }

    void endStep(StepResult r) {
        step = r;
    }

    public RetinaConfig cfg() {
        return cfg;
    }

    public RunDirectory run() {
        return run;
    }

    public Detector detector() {
        return detector;
    }

    public Trainer trainer() {
        return trainer;
    }

    public ClippedOptimizer optimizer() {
        return optimizer;
    }

    public CheckpointStore checkpoints() {
        return store;
    }

    public MetricsLog metrics() {
        return metrics;
    }

    /** The iteration running (in beforeStep / afterStep), or the last completed one. */
    public long iteration() {
        return iteration;
    }

    public long maxIters() {
        return cfg.train().maxIters();
    }

    public boolean lastIteration() {
        return iteration == maxIters();
    }

    /** What this iteration's step did (null before it ran). */
    public StepResult step() {
        return step;
    }

    /** The console progress bar (null before the progress hook made it); evaluations pause it. */
    public dev.retinaj.util.ProgressBar progress() {
        return progress;
    }

    void progress(dev.retinaj.util.ProgressBar bar) {
        progress = bar;
    }

    /** Headline metrics of the last evaluation (empty before the first). */
    public Map<String, Double> lastEval() {
        return lastEval;
    }

    /** Per class of the last evaluation: ground-truth counts and APs (empty before the first). */
    public Map<String, Map<String, Number>> lastClasses() {
        return lastClasses;
    }

    void lastClasses(Map<String, Map<String, Number>> classes) {
        lastClasses = classes;
    }

    /** Whether early stopping evaluated the best checkpoint again after the loop ({@code eval/} is its). */
    public boolean bestReevaluated() {
        return bestReevaluated;
    }

    void markBestReevaluated() {
        bestReevaluated = true;
    }

    /** The best checkpoint so far, or null. */
    public CheckpointStore.Best best() {
        return best;
    }

    /** Records an evaluation of this iteration; {@code improved}: it beats {@link #best} (saved with the checkpoint). */
    public void evaluated(Map<String, Double> metrics, CheckpointStore.Best improved) {
        lastEval = new LinkedHashMap<>(metrics);
        newBest = improved;
        checkpointWanted = true;
    }

    /** A best checkpoint to record once this iteration's checkpoint is written, or null. */
    public CheckpointStore.Best newBest() {
        return newBest;
    }

    void bestRecorded(CheckpointStore.Best b) {
        best = b;
        newBest = null;
    }

    /** Asks for a checkpoint of this iteration. */
    public void requestCheckpoint() {
        checkpointWanted = true;
    }

    public boolean checkpointRequested() {
        return checkpointWanted;
    }

    void checkpointed(Path dir) {
        checkpointed = dir;
    }

    /** The checkpoint written at this iteration, or null. */
    public Path checkpointedNow() {
        return checkpointed;
    }

    /** Ends the run after this iteration, as finished (e.g. early stopping). */
    public void requestStop() {
        stop = true;
    }

    public boolean stopRequested() {
        return stop;
    }

    /** Adds a file every checkpoint writes besides the model and optimiser (e.g. the EMA weights). */
    public void addCheckpointFile(CheckpointStore.ExtraFile f) {
        checkpointFiles.add(f);
    }

    public List<CheckpointStore.ExtraFile> checkpointFiles() {
        return checkpointFiles;
    }

    /** The early-stopping count checkpoints record (null when early stopping is off). */
    public CheckpointMeta.EarlyStopState earlyStopState() {
        return earlyStop;
    }

    public void earlyStopState(CheckpointMeta.EarlyStopState state) {
        earlyStop = state;
    }
}
