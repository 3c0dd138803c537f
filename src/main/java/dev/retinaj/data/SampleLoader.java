package dev.retinaj.data;

import dev.retinaj.data.augment.Annotated;
import dev.retinaj.data.augment.Augmenter;
import dev.retinaj.data.augment.Boxes;
import dev.retinaj.data.augment.Partners;
import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Decodes one record's image and applies (training: augmentation,) resize, flip and normalisation to
 * image and boxes together.
 */
public final class SampleLoader {
    private final TransformSpec spec;
    private final Augmenter augment;

    public SampleLoader(TransformSpec spec) {
        this(spec, null);
    }

    /** @param augment the training augmentations, or null for none */
    public SampleLoader(TransformSpec spec, Augmenter augment) {
        this.spec = spec;
        this.augment = augment;
    }

    public TransformSpec spec() {
        return spec;
    }

    /**
     * @param minSize the shorter-side target for this image (one of the spec's min sizes)
     * @throws IOException if the image cannot be read or decoded
     */
    public Sample load(DetectionRecord r, int minSize, boolean flip) throws IOException {
        Annotated a = decode(r);
        return transform(r, a, minSize, flip);
    }

    /**
     * A training sample: scale and flip drawn from {@code drawSeed} (the loader's (seed, epoch,
     * image) seed), then the augmentations, which may draw mosaic parts from {@code pool}.
     */
    public Sample loadTraining(DetectionRecord r, long drawSeed, List<DetectionRecord> pool) throws IOException {
        SplittableRandom rng = new SplittableRandom(drawSeed);
        List<Integer> sizes = spec.minSizes();
        int minSize = sizes.get(rng.nextInt(sizes.size()));
        boolean flip = rng.nextDouble() < spec.flipProb();
        Annotated a = decode(r);
        if (augment != null) {
            a = augment.apply(a, drawSeed, partners(pool));
        }
        return transform(r, a, minSize, flip);
    }

    /** The decoded image with the record's boxes mapped onto it. */
    public static Annotated decode(DetectionRecord r) throws IOException {
        RgbImage img = ImageDecoder.decode(r.image());
        float[] boxes = r.boxes();
        if (img.width() != r.width() || img.height() != r.height()) {
            // The annotation was made at another size: map its boxes onto the decoded image.
            boxes = BoxMath.resize(boxes, r.width(), r.height(), img.width(), img.height());
        }
        return new Annotated(img, new Boxes(boxes, r.labels(), r.crowd()));
    }

    private static Partners partners(List<DetectionRecord> pool) {
        return new Partners() {
            @Override
            public int size() {
                return pool.size();
            }

            @Override
            public Annotated load(int index) throws IOException {
                return decode(pool.get(index));
            }
        };
    }

    Sample transform(DetectionRecord r, Annotated a, int minSize, boolean flip) {
        RgbImage img = a.image();
        double scale = BoxMath.scale(img.width(), img.height(), minSize, spec.maxSize());
        int w = BoxMath.resized(img.width(), scale);
        int h = BoxMath.resized(img.height(), scale);
        float[] chw = ImageTensor.of(img, w, h, flip, spec.mean(), spec.std());
        float[] b = BoxMath.resize(a.boxes().xyxy(), img.width(), img.height(), w, h);
        if (flip) {
            b = BoxMath.flip(b, w);
        }
        ImageInfo info = new ImageInfo(r.id(), r.name(), r.image(), img.width(), img.height(), w, h, scale, flip);
        return new Sample(chw, w, h, b, a.boxes().labels(), a.boxes().crowd(), info);
    }

    /** An unannotated image (predict, serving): resized and normalised as evaluation does, never flipped. */
    public Sample forImage(RgbImage img, long id, String name, java.nio.file.Path path, int minSize) {
        DetectionRecord r = new DetectionRecord(id, name, path, img.width(), img.height(), new float[0], new int[0],
                new boolean[0]);
        return transform(r, new Annotated(img, new Boxes(new float[0], new int[0], new boolean[0])), minSize, false);
    }
}
