package dev.retinaj.infer;

import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.output.DetectedObjects;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import dev.retinaj.config.RetinaConfig;
import dev.retinaj.data.HostBatch;
import dev.retinaj.data.ImageDecoder;
import dev.retinaj.data.ImageInfo;
import dev.retinaj.data.RgbImage;
import dev.retinaj.data.Sample;
import dev.retinaj.data.SampleLoader;
import dev.retinaj.data.TransformSpec;
import dev.retinaj.engine.HostArrays;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * DJL Translator from an {@link Image} to {@link DetectedObjects}: the same resize and
 * normalisation as evaluation, the model's forward (run by DJL's predictor), then the
 * {@link Detector}'s post-processing. Boxes are normalised to [0, 1] of the input image.
 */
public final class RetinaNetTranslator implements NoBatchifyTranslator<Image, DetectedObjects> {
    private final Detector detector;
    private final SampleLoader loader;
    private final ClassMap classes;

    public RetinaNetTranslator(Detector detector, ClassMap classes) {
        RetinaConfig cfg = detector.config();
        this.detector = detector;
        this.loader = new SampleLoader(TransformSpec.eval(cfg.data(), cfg.test()));
        this.classes = classes;
    }

    @Override
    public NDList processInput(TranslatorContext ctx, Image input) {
        RetinaConfig cfg = detector.config();
        RgbImage rgb = ImageDecoder.toRgb((BufferedImage) input.getWrappedImage());
        Sample s = loader.forImage(rgb, 0, "image", null, cfg.test().minSize());
        HostBatch b = HostBatch.collate(List.of(s), cfg.data().sizeDivisibility());
        ctx.setAttachment("batch", b);
        NDArray x = HostArrays.of(ctx.getNDManager(), b.images(), new Shape(1, 3, b.height(), b.width()));
        return new NDList(x);
    }

    @Override
    public DetectedObjects processOutput(TranslatorContext ctx, NDList list) {
        HostBatch b = (HostBatch) ctx.getAttachment("batch");
        Detections d = detector.postProcess(list, b, ctx.getNDManager()).get(0);
        ImageInfo info = b.infos().get(0);
        return DjlDetections.of(d, classes, info.origWidth(), info.origHeight(), Double.NEGATIVE_INFINITY);
    }
}
