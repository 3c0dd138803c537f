package dev.retinaj.config;

/**
 * {@code data.augment.*}: training augmentations, applied on the loader threads to the decoded image
 * before the resize to {@code data.min_size}, in this order: mosaic, expand, scale jitter, crop,
 * photometric. Each runs with its own probability ({@code prob: 0} = off, the default).
 */
public record AugmentConfig(ScaleJitter scaleJitter, Crop crop, Photometric photometric, Expand expand,
                            Mosaic mosaic) {

    /** Whether any augmentation can fire. */
    public boolean any() {
        return scaleJitter.prob() > 0 || crop.prob() > 0 || photometric.prob() > 0 || expand.prob() > 0
                || mosaic.prob() > 0;
    }

    /**
     * Large-scale jitter (detectron2's ResizeScale + fixed-size crop/pad): the image is scaled by a
     * factor in [{@code min_scale}, {@code max_scale}] and cropped or mean-padded back to its own size;
     * boxes cut by the crop are dropped below {@code min_visible}.
     */
    public record ScaleJitter(double prob, double minScale, double maxScale, double minVisible) {
        public ScaleJitter {
            Validate.range("prob", prob, 0, 1);
            Validate.range("min_scale", minScale, 0.01, 100);
            Validate.range("max_scale", maxScale, minScale, 100);
            Validate.range("min_visible", minVisible, 0, 1);
        }
    }

    /**
     * Random crop of each side to a fraction in [{@code min_size}, 1]; boxes are clipped to the crop
     * and dropped when less than {@code min_visible} of their area stays visible.
     */
    public record Crop(double prob, double minSize, double minVisible) {
        public Crop {
            Validate.range("prob", prob, 0, 1);
            Validate.range("min_size", minSize, 0.05, 1);
            Validate.range("min_visible", minVisible, 0, 1);
        }
    }

    /**
     * Colour jitter as torchvision's ColorJitter: brightness, contrast and saturation factors drawn
     * from [1 − s, 1 + s], hue shifted by up to ±{@code hue} of the colour circle.
     */
    public record Photometric(double prob, double brightness, double contrast, double saturation, double hue) {
        public Photometric {
            Validate.range("prob", prob, 0, 1);
            Validate.range("brightness", brightness, 0, 1);
            Validate.range("contrast", contrast, 0, 1);
            Validate.range("saturation", saturation, 0, 1);
            Validate.range("hue", hue, 0, 0.5);
        }
    }

    /** Zoom out: the image is placed at random on a mean-filled canvas {@code 1..max_ratio} times its size. */
    public record Expand(double prob, double maxRatio) {
        public Expand {
            Validate.range("prob", prob, 0, 1);
            Validate.range("max_ratio", maxRatio, 1, 16);
        }
    }

    /**
     * Four images (this one and three drawn from the training set) on a 2W × 2H canvas around a random
     * centre, one per quadrant, each scaled to fit W × H; boxes clipped to their quadrant and dropped
     * below {@code min_visible}.
     */
    public record Mosaic(double prob, double minVisible) {
        public Mosaic {
            Validate.range("prob", prob, 0, 1);
            Validate.range("min_visible", minVisible, 0, 1);
        }
    }
}
