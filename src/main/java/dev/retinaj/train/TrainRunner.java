package dev.retinaj.train;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import dev.retinaj.config.ConfigWriter;
import dev.retinaj.config.RetinaConfig;
import dev.retinaj.config.TrainConfig;
import dev.retinaj.data.BatchLoader;
import dev.retinaj.data.DataSource;
import dev.retinaj.data.HostBatch;
import dev.retinaj.data.LoadedSplit;
import dev.retinaj.engine.EngineSetup;
import dev.retinaj.infer.ClassMap;
import dev.retinaj.infer.Detector;
import dev.retinaj.serving.RetinaJModels;
import dev.retinaj.loss.DetectionLoss;
import dev.retinaj.model.ModelWeights;
import dev.retinaj.model.RetinaNet;
import dev.retinaj.model.TorchvisionNames;
import dev.retinaj.util.NativeResources;
import dev.retinaj.util.ProgressBar;
import dev.retinaj.util.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code retinaj train}: builds the model, data and loss from a config and runs the iteration loop
 * with logging, checkpoints, periodic evaluation and exact resume. Every random draw after
 * initialisation is a pure function of (seed, iteration), so resuming from a checkpoint replays
 * exactly what an uninterrupted run would have done.
 */
public final class TrainRunner {
    private static final Logger LOG = LoggerFactory.getLogger(TrainRunner.class);

    private final RetinaConfig cfg;
    private final RunDirectory run;
    private final boolean resume;
    /** For tests: throw after this iteration, as a crash would (0 = never). */
    private long crashAfter;

    public TrainRunner(RetinaConfig cfg, RunDirectory run, boolean resume) {
        this.cfg = cfg;
        this.run = run;
        this.resume = resume;
    }

    TrainRunner crashAfter(long iteration) {
        this.crashAfter = iteration;
        return this;
    }

    public RunResult run() throws IOException {
        Files.createDirectories(run.root());
        prepareConfig();
        try (RunLog ignored = RunLog.attach(run.log())) {
            LOG.info("run directory {}", run.root().toAbsolutePath());
            return train();
        }
    }

    private void prepareConfig() throws IOException {
        if (resume && Files.exists(run.config())) {
            RetinaConfig saved = dev.retinaj.config.ConfigLoader.load(run.config(), List.of());
            List<String> diff = ConfigWriter.differences(saved, cfg);
            if (!diff.isEmpty()) {
                throw new UserError(run.config() + ": the run was started with another config (differs at "
                        + String.join(", ", diff.subList(0, Math.min(5, diff.size())))
                        + "); resume without -c/--set to continue it as it was", 2);
            }
        } else {
            ConfigWriter.write(cfg, run.config());
        }
    }

    private RunResult train() throws IOException {
        long started = System.nanoTime();
        Engine engine = EngineSetup.start(cfg.threads());
        List<Device> devices = EngineSetup.resolve(cfg.device(), engine);
        LOG.info("engine {} {} on {}", engine.getEngineName(), engine.getVersion(), devices);

        LoadedSplit trainSplit = DataSource.train(cfg.data());
        LoadedSplit valSplit = cfg.data().val().isEmpty() ? null : DataSource.val(cfg.data());
        LOG.info("train: {}; val: {}", trainSplit.report(), valSplit == null ? "none" : valSplit.report());
        int numClasses = cfg.model().numClasses() > 0 ? cfg.model().numClasses() : trainSplit.numClasses();
        if (numClasses < trainSplit.numClasses()) {
            throw new UserError("model.num_classes is " + numClasses + " but the data set has "
                    + trainSplit.numClasses() + " classes " + trainSplit.classNames(), 2);
        }
        ClassMap.of(trainSplit).write(run.root());

        engine.setRandomSeed((int) cfg.seed());
        Detector detector = Detector.create(cfg, numClasses)
                .withClassFrequencies(classFrequencies(trainSplit, numClasses));
        AnchorCoverage.report(trainSplit, cfg, detector);
        RetinaNet net = detector.net();
        CheckpointStore store = new CheckpointStore(run.checkpoints(), cfg.train().keepCheckpoints());
        Optional<Path> ckpt = resume ? store.latest() : Optional.empty();
        if (resume && ckpt.isEmpty()) {
            LOG.warn("--resume: no checkpoint in {} yet; starting from iteration 0", run.checkpoints());
        }

        Map<String, Parameter> named = TorchvisionNames.of(net);
        Map<String, String> idToName = new HashMap<>();
        Set<String> noDecay = new HashSet<>();
        named.forEach((name, p) -> {
            idToName.put(p.getId(), name);
            if (!cfg.train().weightDecayNormBias() && isNormOrBias(p)) {
                noDecay.add(p.getId());
            }
        });
        TrainConfig t = cfg.train();
        ClippedSgd sgd = new ClippedSgd(t.optimizer() == TrainConfig.Optimizer.ADAMW, t.momentum(), t.adamBeta2(),
                t.adamEps(), t.weightDecay(), t.clipGradNorm(), idToName, noDecay);

        try (Model model = Model.newInstance("retinanet", devices.get(0))) {
            model.setBlock(net);
            DefaultTrainingConfig tc = new DefaultTrainingConfig(Loss.l1Loss())
                    .optOptimizer(sgd)
                    .optDevices(devices.toArray(Device[]::new));
            try (Trainer trainer = model.newTrainer(tc)) {
                trainer.initialize(new Shape(1, 3, 128, 128));
                long startIter = 0;
                double ema = -1;
                CheckpointStore.Best best = store.best().orElse(null);
                if (ckpt.isPresent()) {
                    CheckpointMeta meta = CheckpointStore.readMeta(ckpt.get());
                    ModelWeights.load(net, ckpt.get().resolve(CheckpointStore.MODEL));
                    Map<String, List<NDArray>> weights = new HashMap<>();
                    named.forEach((n, p) -> weights.put(n, List.of(p.getArray())));
                    try (NDList state = CheckpointStore.loadOptimizer(ckpt.get(), trainer.getManager())) {
                        sgd.restore(state, weights);
                    }
                    startIter = meta.iteration();
                    ema = meta.emaPositives();
                    LOG.info("resumed from {} (iteration {})", ckpt.get(), startIter);
                } else {
                    ModelWeights.applyConfigured(net, cfg.model());
                }

                DetectionLoss loss = detector.loss();
                if (ema >= 0) {
                    loss.restoreEma(ema);
                }
                TrainStep step = new TrainStep(trainer, detector, sgd, new LrSchedule(cfg.train()));
                PeriodicEval evaluator = valSplit == null ? null : new PeriodicEval(cfg, valSplit, detector, trainer);
                NonFiniteGuard guard = new NonFiniteGuard(run.diagnostics(), cfg.train().maxNonFinite());
                RunResult result = loop(trainSplit, step, loss, store, evaluator, guard, net, sgd, startIter, best, started);
                RetinaJModels.export(model, run.root());
                return result;
            }
        }
    }

    private RunResult loop(LoadedSplit trainSplit, TrainStep step, DetectionLoss loss, CheckpointStore store,
                           PeriodicEval evaluator, NonFiniteGuard guard, RetinaNet net, ClippedSgd sgd, long startIter,
                           CheckpointStore.Best best, long started) throws IOException {
        int maxIters = cfg.train().maxIters();
        Map<String, Double> lastLosses = new LinkedHashMap<>();
        Map<String, Double> lastMetrics = new LinkedHashMap<>();
        double windowSecs = 0;
        double windowData = 0;
        int windowIters = 0;
        try (MetricsLog metrics = MetricsLog.open(run.metrics(), startIter);
             BatchLoader loader = BatchLoader.training(trainSplit, cfg);
             ProgressBar bar = new ProgressBar("train", maxIters)) {
            bar.jumpTo(startIter);
            Iterator<HostBatch> batches = loader.iterate(startIter);
            for (long iter = startIter + 1; iter <= maxIters; iter++) {
                long t0 = System.nanoTime();
                HostBatch batch = batches.next();
                double dataSecs = (System.nanoTime() - t0) / 1e9;
                StepResult r = step.run(iter, batch, dataSecs, guard);
                if (r.applied()) {
                    guard.ok();
                }
                windowSecs += r.dataSeconds() + r.computeSeconds();
                windowData += r.dataSeconds();
                windowIters++;
                lastLosses = Map.of("loss", (double) r.loss(), "loss_cls", (double) r.lossCls(),
                        "loss_box", (double) r.lossBox());
                bar.step(1, String.format(Locale.ROOT, "loss %.4f cls %.4f box %.4f lr %.2g", r.loss(), r.lossCls(),
                        r.lossBox(), r.lr()));
                if (iter == 1 || iter % cfg.train().logPeriod() == 0 || iter == maxIters) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("iter", iter);
                    row.put("lr", r.lr());
                    row.put("loss", r.loss());
                    row.put("loss_cls", r.lossCls());
                    row.put("loss_box", r.lossBox());
                    row.put("num_pos", r.numPos());
                    row.put("grad_norm", r.gradNorm());
                    row.put("sec_per_iter", windowSecs / windowIters);
                    row.put("data_sec", windowData / windowIters);
                    row.put("skipped", !r.applied());
                    row.put("nd_arrays", NativeResources.count(net.getParameters().valueAt(0).getArray().getManager()));
                    metrics.write(row);
                    LOG.debug("iter {} {}", iter, row);
                    windowSecs = 0;
                    windowData = 0;
                    windowIters = 0;
                }
                boolean last = iter == maxIters;
                boolean evalNow = evaluator != null
                        && (last || (cfg.train().evalPeriod() > 0 && iter % cfg.train().evalPeriod() == 0));
                boolean ckptNow = last || evalNow
                        || (cfg.train().checkpointPeriod() > 0 && iter % cfg.train().checkpointPeriod() == 0);
                if (evalNow) {
                    Map<String, Double> m = evaluator.evaluate(iter, last ? run.eval() : null);
                    lastMetrics = m;
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("iter", iter);
                    row.put("eval", true);
                    row.putAll(m);
                    metrics.write(row);
                    LOG.info("iteration {}: {}", iter, PeriodicEval.describe(m));
                }
                if (ckptNow) {
                    Path saved;
                    try (NDList state = sgd.state()) {
                        saved = store.save(new CheckpointMeta(iter, ConfigWriter.hash(cfg), cfg.seed(), loss.emaState(),
                                best == null ? null : best.metric(), best == null ? 0 : best.value(),
                                best == null ? 0 : best.iteration(), Instant.now().toString()), net, state);
                    }
                    if (evalNow) {
                        String key = lastMetrics.containsKey("AP") ? "AP" : "mAP";
                        Double v = lastMetrics.get(key);
                        if (v != null && (best == null || v > best.value())) {
                            best = new CheckpointStore.Best(saved.getFileName().toString(), key, v, iter);
                            store.markBest(best);
                        }
                    }
                    CurvePlot.write(run.metrics(), run.curves());
                }
                if (iter == crashAfter) {
                    throw new IllegalStateException("simulated crash after iteration " + iter);
                }
            }
        }
        if (startIter >= maxIters) {
            LOG.info("the run had already reached train.max_iters ({})", maxIters);
            RunResult done = RunResult.read(run.root());
            if (done != null) {
                return done;
            }
        }
        double minutes = (System.nanoTime() - started) / 60e9;
        RunResult result = new RunResult(maxIters, minutes, lastMetrics, lastLosses);
        result.write(run.root());
        LOG.info("done in {} min; {}", String.format(Locale.ROOT, "%.1f", minutes), PeriodicEval.describe(lastMetrics));
        return result;
    }

    private static boolean isNormOrBias(Parameter p) {
        return switch (p.getType()) {
            case BIAS, GAMMA, BETA -> true;
            default -> p.getName().endsWith("bias");
        };
    }

    private static double[] classFrequencies(LoadedSplit split, int numClasses) {
        double[] counts = new double[numClasses];
        split.records().forEach(r -> {
            for (int i = 0; i < r.numBoxes(); i++) {
                if (!r.crowd()[i]) {
                    counts[r.labels()[i]]++;
                }
            }
        });
        return counts;
    }
}
