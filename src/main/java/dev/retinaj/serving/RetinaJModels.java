package dev.retinaj.serving;

import dev.retinaj.util.BadFileException;
import ai.djl.Device;
import ai.djl.Model;
import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.output.DetectedObjects;
import ai.djl.repository.zoo.Criteria;
import dev.retinaj.config.ConfigLoader;
import dev.retinaj.config.RetinaConfig;
import dev.retinaj.engine.EngineSetup;
import dev.retinaj.infer.ClassMap;
import dev.retinaj.infer.Detector;
import dev.retinaj.infer.RetinaNetTranslator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Loads a trained run into a DJL {@code ZooModel<Image, DetectedObjects>} for a Java service:
 * <pre>{@code
 * Criteria<Image, DetectedObjects> criteria = RetinaJModels.criteria(Path.of("runs/shapes_r18_fpn_demo"),
 *         CriteriaOptions.DEFAULT.withScoreThreshold(0.5));
 * try (ZooModel<Image, DetectedObjects> model = criteria.loadModel();
 *      Predictor<Image, DetectedObjects> predictor = model.newPredictor()) {
 *     DetectedObjects found = predictor.predict(ImageFactory.getInstance().fromFile(Path.of("photo.png")));
 * }
 * }</pre>
 * A run exports its final model for this as {@code RUN_DIR/serving/retinanet-0000.params} (DJL's
 * parameter format), beside its {@code config.yaml} and {@code classes.json}.
 */
public final class RetinaJModels {
    public static final String SERVING_DIR = "serving";
    public static final String MODEL_NAME = "retinanet";

    private RetinaJModels() {}

    /** Every detection the run's {@code test} keys keep, on the run's device. */
    public static Criteria<Image, DetectedObjects> criteria(Path runDir) {
        return criteria(runDir, null);
    }

    /**
     * Detections with score at least {@code o.scoreThreshold()}, the {@code o.topK()} most confident
     * first, on {@code o.device()} in {@code o.precision()} (null: the run's); {@code o} null keeps them all.
     */
    public static Criteria<Image, DetectedObjects> criteria(Path runDir, CriteriaOptions o) {
        Path serving = runDir.resolve(SERVING_DIR);
        if (!Files.isDirectory(serving)) {
            throw new BadFileException(runDir + ": no " + SERVING_DIR + "/ model (is it a finished RetinaJ run?)");
        }
        RetinaConfig cfg = ConfigLoader.load(runDir.resolve("config.yaml"), List.of());
        ClassMap classes = ClassMap.read(runDir);
        if (classes == null) {
            throw new BadFileException(runDir + ": no " + ClassMap.FILE);
        }
        String deviceKey = o != null && o.device() != null ? o.device() : cfg.device();
        if (o != null && o.precision() != null) {
            cfg = ConfigLoader.load(runDir.resolve("config.yaml"), List.of("precision=" + o.precision().key()));
        }
        EngineSetup.Placement placed = EngineSetup.place(deviceKey, cfg, EngineSetup.start(cfg.threads()));
        Device device = placed.device();
        cfg = placed.cfg();
        Detector detector = Detector.create(cfg, classes.size());
        detector.net().cacheWeightsForInference(true); // filled by the first detection, after the weights load
        RetinaNetTranslator translator = new RetinaNetTranslator(detector, classes);
        return Criteria.builder()
                .setTypes(Image.class, DetectedObjects.class)
                .optModelPath(serving)
                .optModelName(MODEL_NAME)
                .optBlock(detector.net())
                .optEngine(EngineSetup.ENGINE)
                .optDevice(device)
                .optTranslator(o != null ? o.wrap(translator) : translator)
                .build();
    }

    /** Writes the model's current parameters where {@link #criteria} finds them. */
    public static void export(Model model, Path runDir) throws IOException {
        Path dir = runDir.resolve(SERVING_DIR);
        Files.createDirectories(dir);
        model.setProperty("Epoch", "0");
        model.save(dir, MODEL_NAME);
    }
}
