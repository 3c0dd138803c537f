package dev.retinaj.serving;

import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.output.BoundingBox;
import ai.djl.modality.cv.output.DetectedObjects;
import ai.djl.ndarray.NDList;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What a Java caller chooses when loading a run: the lowest score returned, at most how many
 * detections per image (most confident first), and the device ({@code null}: the run's
 * {@code device} key; else {@code cpu}, {@code gpu:0} ... as in configs).
 */
public record CriteriaOptions(double scoreThreshold, int topK, String device, dev.retinaj.config.Precision precision) {
    /** Score at least 0.3 (what {@code retinaj predict} draws), 100 detections, the run's device and precision. */
    public static final CriteriaOptions DEFAULT = new CriteriaOptions(0.3, 100, null, null);

    public CriteriaOptions {
        if (!(scoreThreshold >= 0 && scoreThreshold <= 1)) {
            throw new IllegalArgumentException("scoreThreshold must be in [0, 1], not " + scoreThreshold);
        }
        if (topK < 1) {
            throw new IllegalArgumentException("topK must be at least 1, not " + topK);
        }
    }

    public CriteriaOptions withScoreThreshold(double t) {
        return new CriteriaOptions(t, topK, device, precision);
    }

    public CriteriaOptions withTopK(int k) {
        return new CriteriaOptions(scoreThreshold, k, device, precision);
    }

    public CriteriaOptions withDevice(String d) {
        return new CriteriaOptions(scoreThreshold, topK, d, precision);
    }

    /** Serve in this precision instead of the run's ({@code bf16}: twice the CPU throughput where supported). */
    public CriteriaOptions withPrecision(dev.retinaj.config.Precision p) {
        return new CriteriaOptions(scoreThreshold, topK, device, p);
    }

    /** The detections with score at least the threshold, the {@code topK} most confident, best first. */
    public DetectedObjects filter(DetectedObjects found) {
        List<DetectedObjects.DetectedObject> kept = new ArrayList<>();
        for (int i = 0; i < found.getNumberOfObjects(); i++) {
            DetectedObjects.DetectedObject o = found.item(i);
            if (o.getProbability() >= scoreThreshold) {
                kept.add(o);
            }
        }
        kept.sort(Comparator.comparingDouble(DetectedObjects.DetectedObject::getProbability).reversed());
        List<String> names = new ArrayList<>();
        List<Double> probs = new ArrayList<>();
        List<BoundingBox> boxes = new ArrayList<>();
        for (DetectedObjects.DetectedObject o : kept.subList(0, Math.min(topK, kept.size()))) {
            names.add(o.getClassName());
            probs.add(o.getProbability());
            boxes.add(o.getBoundingBox());
        }
        return new DetectedObjects(names, probs, boxes);
    }

    /** {@code translator} with its output passed through {@link #filter}. */
    public Translator<Image, DetectedObjects> wrap(Translator<Image, DetectedObjects> translator) {
        return new NoBatchifyTranslator<>() {
            @Override
            public void prepare(TranslatorContext ctx) throws Exception {
                translator.prepare(ctx);
            }

            @Override
            public NDList processInput(TranslatorContext ctx, Image input) throws Exception {
                return translator.processInput(ctx, input);
            }

            @Override
            public DetectedObjects processOutput(TranslatorContext ctx, NDList list) throws Exception {
                return filter(translator.processOutput(ctx, list));
            }
        };
    }
}
