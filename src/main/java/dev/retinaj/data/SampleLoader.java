package dev.retinaj.data;

import java.io.IOException;

/** Decodes one record's image and applies resize, flip and normalisation to image and boxes together. */
public final class SampleLoader {
    private final TransformSpec spec;

    public SampleLoader(TransformSpec spec) {
        this.spec = spec;
    }

    public TransformSpec spec() {
        return spec;
    }

    /**
     * @param minSize the shorter-side target for this image (one of the spec's min sizes)
     * @throws IOException if the image cannot be read or decoded
     */
    public Sample load(DetectionRecord r, int minSize, boolean flip) throws IOException {
        RgbImage img = ImageDecoder.decode(r.image());
        float[] boxes = r.boxes();
        if (img.width() != r.width() || img.height() != r.height()) {
            // The annotation was made at another size: map its boxes onto the decoded image.
            boxes = BoxMath.resize(boxes, r.width(), r.height(), img.width(), img.height());
        }
        return transform(r, img, boxes, minSize, flip);
    }

    Sample transform(DetectionRecord r, RgbImage img, float[] boxes, int minSize, boolean flip) {
        double scale = BoxMath.scale(img.width(), img.height(), minSize, spec.maxSize());
        int w = BoxMath.resized(img.width(), scale);
        int h = BoxMath.resized(img.height(), scale);
        float[] chw = ImageTensor.of(img, w, h, flip, spec.mean(), spec.std());
        float[] b = BoxMath.resize(boxes, img.width(), img.height(), w, h);
        if (flip) {
            b = BoxMath.flip(b, w);
        }
        ImageInfo info = new ImageInfo(r.id(), r.name(), r.image(), img.width(), img.height(), w, h, scale, flip);
        return new Sample(chw, w, h, b, r.labels(), r.crowd(), info);
    }

    /** An unannotated image (predict, serving): resized and normalised as evaluation does, never flipped. */
    public Sample forImage(RgbImage img, long id, String name, java.nio.file.Path path, int minSize) {
        DetectionRecord r = new DetectionRecord(id, name, path, img.width(), img.height(), new float[0], new int[0],
                new boolean[0]);
        return transform(r, img, new float[0], minSize, false);
    }
}
