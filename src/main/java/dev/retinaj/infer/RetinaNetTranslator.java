package dev.retinaj.infer;

import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.output.DetectedObjects;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import dev.retinaj.data.HostBatch;
import dev.retinaj.data.ImageDecoder;
import dev.retinaj.data.ImageInfo;
import dev.retinaj.data.RgbImage;
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
    private final EvalInput input;
    private final ClassMap classes;

    public RetinaNetTranslator(Detector detector, ClassMap classes) {
        this.detector = detector;
        this.input = new EvalInput(detector.config());
        this.classes = classes;
    }

    @Override
    public NDList processInput(TranslatorContext ctx, Image image) {
        RgbImage rgb = ImageDecoder.toRgb((BufferedImage) image.getWrappedImage());
        HostBatch b = input.batch(List.of(input.sample(rgb, 0, "image", null)));
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
