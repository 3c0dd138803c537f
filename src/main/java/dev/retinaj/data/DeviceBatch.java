package dev.retinaj.data;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * A batch on the engine: images {@code [B,3,H,W]} float32, boxes {@code [B,G,4]} float32, labels
 * {@code [B,G]} int32 (−1 = padding), ignore {@code [B,G]} boolean (crowd/difficult), and the images'
 * infos. Closing it closes the four arrays.
 */
public record DeviceBatch(NDArray images, NDArray boxes, NDArray labels, NDArray ignore, List<ImageInfo> infos)
        implements AutoCloseable {
    @Override
    public void close() {
        images.close();
        boxes.close();
        labels.close();
        ignore.close();
    }
}
