package dev.retinaj.infer;

import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.output.BoundingBox;
import ai.djl.modality.cv.output.DetectedObjects;
import ai.djl.modality.cv.output.Rectangle;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import dev.retinaj.anchors.AnchorGenerator;
import dev.retinaj.data.HostBatch;
import dev.retinaj.data.ImageDecoder;
import dev.retinaj.data.ImageInfo;
import dev.retinaj.data.RgbImage;
import dev.retinaj.data.Sample;
import dev.retinaj.data.SampleLoader;
import dev.retinaj.model.HeadOutputs;
import dev.retinaj.model.RetinaNet;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * DJL Translator from an {@link Image} to {@link DetectedObjects}: the same resize and
 * normalisation as evaluation, the model's forward, then the shared {@link PostProcessor}. Boxes
 * are returned as DJL does for detection, normalised to [0, 1] of the input image's width and height.
 */
public final class RetinaNetTranslator implements NoBatchifyTranslator<Image, DetectedObjects> {
    private final RetinaNet net;
    private final SampleLoader loader;
    private final int minSize;
    private final int sizeDivisibility;
    private final AnchorGenerator anchors;
    private final PostProcessor post;
    private final List<String> classNames;

    public RetinaNetTranslator(RetinaNet net, SampleLoader loader, int minSize, int sizeDivisibility,
                               AnchorGenerator anchors, PostProcessor post, List<String> classNames) {
        this.net = net;
        this.loader = loader;
        this.minSize = minSize;
        this.sizeDivisibility = sizeDivisibility;
        this.anchors = anchors;
        this.post = post;
        this.classNames = List.copyOf(classNames);
    }

    @Override
    public NDList processInput(TranslatorContext ctx, Image input) {
        RgbImage rgb = ImageDecoder.toRgb((BufferedImage) input.getWrappedImage());
        Sample s = loader.forImage(rgb, 0, "image", null, minSize);
        HostBatch b = HostBatch.collate(List.of(s), sizeDivisibility);
        ctx.setAttachment("batch", b);
        NDArray x = ctx.getNDManager().create(b.images(), new Shape(1, 3, b.height(), b.width()));
        return new NDList(x);
    }

    @Override
    public DetectedObjects processOutput(TranslatorContext ctx, NDList list) {
        HostBatch b = (HostBatch) ctx.getAttachment("batch");
        HeadOutputs h = net.outputs(list, b.height(), b.width());
        NDArray a = anchors.anchors(ctx.getNDManager(), h.levels());
        Detections d = post.process(h, a, b.infos()).get(0);
        ImageInfo info = b.infos().get(0);
        List<String> names = new ArrayList<>();
        List<Double> probs = new ArrayList<>();
        List<BoundingBox> boxes = new ArrayList<>();
        for (int i = 0; i < d.size(); i++) {
            int k = d.labels()[i];
            names.add(k < classNames.size() ? classNames.get(k) : Integer.toString(k));
            probs.add((double) d.scores()[i]);
            float[] bx = d.boxes();
            double w = info.origWidth();
            double hh = info.origHeight();
            boxes.add(new Rectangle(bx[4 * i] / w, bx[4 * i + 1] / hh, (bx[4 * i + 2] - bx[4 * i]) / w,
                    (bx[4 * i + 3] - bx[4 * i + 1]) / hh));
        }
        return new DetectedObjects(names, probs, boxes);
    }
}
