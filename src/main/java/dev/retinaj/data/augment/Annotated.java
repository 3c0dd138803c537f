package dev.retinaj.data.augment;

import dev.retinaj.data.RgbImage;

/** A decoded image with its boxes in that image's pixels: what the augmentations take and give. */
public record Annotated(RgbImage image, Boxes boxes) {
    public int width() {
        return image.width();
    }

    public int height() {
        return image.height();
    }
}
