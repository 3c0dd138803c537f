package dev.retinaj.train;

import dev.retinaj.checkpoint.CheckpointMeta;
import dev.retinaj.checkpoint.CheckpointStore;
import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import dev.retinaj.config.ConfigException;
import dev.retinaj.config.ConfigLoader;
import dev.retinaj.config.ConfigWriter;
import dev.retinaj.config.DataConfig;
import dev.retinaj.config.RetinaConfig;
import dev.retinaj.data.BatchLoader;
import dev.retinaj.data.HostBatch;
import dev.retinaj.data.LoadReport;
import dev.retinaj.data.RepeatFactorOrder;
import dev.retinaj.engine.EngineSetup;
import dev.retinaj.infer.Detector;
import dev.retinaj.model.ModelWeights;
import dev.retinaj.model.TorchvisionNames;
import dev.retinaj.serving.RetinaJModels;
import dev.retinaj.util.Interrupts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code retinaj train}: builds the detector, data and optimiser from a config and runs the loop:
 * next batch, one {@link TrainStep}, then the {@link TrainHook}s (metrics, progress, evaluation,
 * checkpoints, curves ...). Every random draw after initialisation is a pure function of (seed,
 * iteration), so resuming from a checkpoint replays exactly what an uninterrupted run would have done.
 */
public final class TrainRunner {
    private static final Logger LOG = LoggerFactory.getLogger(TrainRunner.class);

    private RetinaConfig cfg; // its precision made concrete once the devices are known
    private final RunDirectory run;
    private final boolean resume;
    private final List<TrainHook> extraHooks = new ArrayList<>();
    private final InterruptHook interrupt = new InterruptHook();

    public TrainRunner(RetinaConfig cfg, RunDirectory run, boolean resume) {
        this.cfg = cfg;
        this.run = run;
        this.resume = resume;
    }

    /**
     * Adds a hook. Added hooks run after those that observe the step (guard, metrics, progress,
     * evaluation) and before early stopping and those that persist it (checkpoint, curves), so that a
     * request for a checkpoint or a stop is honoured in the same iteration.
     */
    public TrainRunner addHook(TrainHook hook) {
        extraHooks.add(hook);
        return this;
    }

    public RunResult run() throws IOException {
        Interrupts.advice(this::resumeAdvice);
        WritableRun.check(run);
        prepareConfig();
        try (RunLog ignored = RunLog.attach(run.log())) {
            Interrupts.phase("starting the engine");
            LOG.info("run directory {}", run.root().toAbsolutePath());
            return train();
        }
    }

    private void prepareConfig() throws IOException {
        if (resume && Files.exists(run.config())) {
            RetinaConfig saved = ConfigLoader.load(run.config(), List.of());
            List<String> diff = ConfigWriter.differences(saved, cfg);
            if (!diff.isEmpty()) {
                throw new ConfigException(run.config() + ": the run was started with another config (differs at "
                        + String.join(", ", diff.subList(0, Math.min(5, diff.size())))
                        + "); resume without -c/--set to continue it as it was");
            }
        } else {
            ConfigWriter.write(cfg, run.config());
        }
    }

    private RunResult train() throws IOException {
        long started = System.nanoTime();
        Engine engine = EngineSetup.start(cfg.threads());
        RetinaConfig asked = cfg;
        EngineSetup.Placement placed = EngineSetup.place(cfg.device(), cfg, engine);
        List<Device> devices = placed.devices();
        cfg = placed.cfg();
        Interrupts.phase("loading data");
        LOG.info("engine {} {} on {}, precision {}{}", engine.getEngineName(), engine.getVersion(), devices,
                cfg.precision().key(), asked.precision() == cfg.precision() ? "" : " (auto)");
        TrainData data = TrainData.load(cfg, run.root());
        Interrupts.phase("building the model");

        engine.setRandomSeed((int) cfg.seed());
        Detector detector = Detector.create(cfg, data.numClasses()).withClassFrequencies(data.classFrequencies());
        CheckpointStore store = new CheckpointStore(run.checkpoints(), cfg.train().keepCheckpoints());
        Optional<Path> ckpt = resume ? store.latest() : Optional.empty();
        if (resume && ckpt.isEmpty()) {
            LOG.warn("--resume: no checkpoint in {} yet; starting from iteration 0", run.checkpoints());
        }
        ClippedOptimizer sgd = OptimizerFactory.forNet(detector.net(), cfg.train());
        sgd.useScaler(LossScaler.forPrecision(cfg.precision()));
        try (Model model = Model.newInstance("retinanet", devices.get(0))) {
            model.setBlock(detector.net());
            DefaultTrainingConfig tc = new DefaultTrainingConfig(Loss.l1Loss())
                    .optOptimizer(sgd)
                    .optDevices(devices.toArray(Device[]::new));
            try (Trainer trainer = model.newTrainer(tc)) {
                trainer.initialize(new Shape(1, 3, 128, 128));
                long start = ckpt.isPresent() ? restore(ckpt.get(), detector, sgd, trainer) : initialWeights(detector);
                RunResult result = loop(new TrainState.Parts(cfg, run, detector, trainer, sgd, store), start, data,
                        started);
                Interrupts.phase("exporting the model");
                RetinaJModels.export(model, run.root());
                return result;
            }
        }
    }

    /** What a Ctrl-C before or after the loop leaves: the resume command once a checkpoint exists. */
    private String resumeAdvice() {
        try {
            boolean any = new CheckpointStore(run.checkpoints(), 1).latest().isPresent();
            return any ? "resume with: retinaj train --resume " + run.root() : "nothing to resume";
        } catch (IOException e) {
            return "";
        }
    }

    private long initialWeights(Detector detector) {
        ModelWeights.applyConfigured(detector.net(), cfg.model());
        return 0;
    }

    /** Weights, optimiser state and loss EMA of a checkpoint; returns its iteration. */
    private static long restore(Path ckpt, Detector detector, ClippedOptimizer sgd, Trainer trainer) {
        CheckpointMeta meta = CheckpointStore.readMeta(ckpt);
        ResumeCheck.threads(ckpt, meta);
        ModelWeights.load(detector.net(), ckpt.resolve(CheckpointStore.MODEL));
        Map<String, List<NDArray>> weights = new HashMap<>();
        TorchvisionNames.of(detector.net()).forEach((n, p) -> weights.put(n, List.of(p.getArray())));
        try (NDList state = CheckpointStore.loadOptimizer(ckpt, trainer.getManager())) {
            OptimizerState.restore(sgd, state, weights);
        }
        if (meta.emaPositives() >= 0) {
            detector.loss().restoreEma(meta.emaPositives());
        }
        LOG.info("resumed from {} (iteration {})", ckpt, meta.iteration());
        return meta.iteration();
    }

    private List<TrainHook> hooks(TrainData data) {
        List<TrainHook> hooks = new ArrayList<>(List.of(new AnchorCoverageHook(data.train()),
                new NonFiniteGuard(run.diagnostics(), cfg.train().maxNonFinite()), new MetricsHook(), new ProgressHook()));
        EvalHook eval = data.val() == null ? null : new EvalHook(data.val(), cfg);
        if (cfg.train().ema().enabled()) {
            hooks.add(new EmaHook(eval)); // it runs the evaluation, on the EMA weights
        } else if (eval != null) {
            hooks.add(eval);
        }
        hooks.addAll(extraHooks);
        if (cfg.train().earlyStop().enabled()) {
            if (eval == null) {
                throw new ConfigException("train.early_stop.patience: early stopping needs a validation split (data.val)");
            }
            hooks.add(new EarlyStopHook(cfg.train().earlyStop(), eval));
        }
        hooks.addAll(List.of(interrupt, new CheckpointHook(), new CurvesHook(), new ReportHook(),
                new TensorBoardHook()));
        return hooks;
    }

    /** The loop: next batch, one step, the hooks; until train.max_iters or a hook stops the run. */
    private RunResult loop(TrainState.Parts parts, long start, TrainData data, long started) throws IOException {
        TrainStep step = new TrainStep(parts.trainer(), parts.detector(), parts.optimizer(), new LrSchedule(cfg.train()));
        if (cfg.data().sampler() == DataConfig.Sampler.REPEAT_FACTOR) {
            LOG.info(RepeatFactorOrder.summary(data.train().records(), data.train().classNames(), cfg.data().repeatThreshold()));
        }
        try (MetricsLog metrics = MetricsLog.open(run.metrics(), start);
             BatchLoader loader = BatchLoader.training(data.train(), cfg);
             Hooks hooks = new Hooks(hooks(data))) {
            TrainState s = new TrainState(parts, metrics, start);
            hooks.each(TrainHook::beforeTrain, s);
            Iterator<HostBatch> batches = loader.iterate(start);
            while (s.iteration() < s.maxIters() && !s.stopRequested()) {
                s.beginStep();
                hooks.each(TrainHook::beforeStep, s);
                long t0 = System.nanoTime();
                HostBatch batch = batches.next();
                s.endStep(step.run(s.iteration(), batch, (System.nanoTime() - t0) / 1e9));
                hooks.each(TrainHook::afterStep, s);
            }
            interrupt.throwIfInterrupted(s);
            hooks.each(TrainHook::afterTrain, s);
            return finish(s, start, started, data.train().report().plus(loader.badSamples().problems()));
        }
    }

    private RunResult finish(TrainState s, long start, long started, LoadReport report) throws IOException {
        if (start >= s.maxIters()) {
            LOG.info("the run had already reached train.max_iters ({})", s.maxIters());
            RunResult done = RunResult.read(run.root());
            if (done != null) {
                return done;
            }
        }
        Map<String, Double> losses = new LinkedHashMap<>();
        if (s.step() != null) {
            losses.put("loss", (double) s.step().losses().total());
            losses.put("loss_cls", (double) s.step().losses().cls());
            losses.put("loss_box", (double) s.step().losses().box());
        }
        double minutes = (System.nanoTime() - started) / 60e9;
        LOG.info("train data: {}; skipped: {}", report, report.firstSkipped());
        RunResult result = new RunResult(s.iteration(), minutes, s.lastEval(), s.lastClasses(), losses,
                report.summary());
        result.write(run.root());
        ReportHook.finalReport(s);
        LOG.info("done in {} min; {}", String.format(Locale.ROOT, "%.1f", minutes), EvalHook.describe(s.lastEval()));
        return result;
    }
}
