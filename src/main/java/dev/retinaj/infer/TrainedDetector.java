package dev.retinaj.infer;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import dev.retinaj.config.RetinaConfig;
import dev.retinaj.engine.EngineSetup;
import dev.retinaj.model.RetinaNet;
import dev.retinaj.util.Interrupts;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * A RetinaNet built from a config and loaded with {@code --weights}, ready for inference: what
 * {@code eval -c} and {@code predict} run. The class map comes from the run's classes.json, else
 * from {@code fallback} (the data set), else the classes are named by index.
 */
public final class TrainedDetector implements AutoCloseable {
    private final RetinaNet net;
    private final ClassMap classes;
    private final NDManager manager;
    private final InferenceRunner runner;

    private TrainedDetector(RetinaNet net, ClassMap classes, NDManager manager, InferenceRunner runner) {
        this.net = net;
        this.classes = classes;
        this.manager = manager;
        this.runner = runner;
    }

    public static TrainedDetector load(RetinaConfig asked, Path weights, Supplier<ClassMap> fallback) {
        Interrupts.phase("starting the engine");
        EngineSetup.Placement placed = EngineSetup.startAndPlace(asked, asked.threads());
        Device device = placed.device();
        RetinaConfig cfg = placed.cfg();
        Interrupts.phase("loading the model");
        WeightsSource src = WeightsSource.resolve(weights);
        ClassMap classes = src.runDir() == null ? null : ClassMap.read(src.runDir());
        int k = cfg.model().numClasses() > 0 ? cfg.model().numClasses()
                : src.numClasses(cfg.model().anchors().perLocation());
        if (classes == null || classes.size() != k) {
            ClassMap fromData = fallback == null ? null : fallback.get();
            classes = fromData != null && fromData.size() == k ? fromData : ClassMap.indices(k, cfg.data().classes());
        }
        Detector detector = Detector.create(cfg, k);
        RetinaNet net = detector.net();
        NDManager manager = NDManager.newBaseManager(device);
        net.initialize(manager);
        src.loadInto(net);
        net.cacheWeightsForInference(true);
        ParameterStore ps = new ParameterStore(manager, false);
        InferenceRunner runner = new InferenceRunner(detector, x -> net.forward(ps, x, false), manager);
        Interrupts.phase("detecting");
        return new TrainedDetector(net, classes, manager, runner);
    }

    public RetinaNet net() {
        return net;
    }

    public ClassMap classes() {
        return classes;
    }

    public InferenceRunner runner() {
        return runner;
    }

    public List<String> classNames() {
        return classes.names();
    }

    @Override
    public void close() {
        manager.close();
    }
}
