package dev.retinaj.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.retinaj.engine.HostArrays;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A batch in plain Java arrays (built on loader threads, no engine calls): images {@code [B,3,H,W]}
 * zero-padded at the bottom/right to a multiple of the size divisibility, boxes {@code [B,G,4]},
 * labels {@code [B,G]} with −1 for padding, ignore flags {@code [B,G]} (crowd/difficult), and each
 * image's {@link ImageInfo}. G ≥ 1 even when no image has a box.
 */
public record HostBatch(float[] images, int batchSize, int height, int width, float[] boxes, int[] labels,
                        boolean[] ignore, int maxBoxes, List<ImageInfo> infos) {

    /** Pads and stacks samples; the padding is 0, i.e. the normalised mean colour. */
    public static HostBatch collate(List<Sample> samples, int sizeDivisibility) {
        int b = samples.size();
        int maxH = 1;
        int maxW = 1;
        int g = 1;
        for (Sample s : samples) {
            maxH = Math.max(maxH, s.height());
            maxW = Math.max(maxW, s.width());
            g = Math.max(g, s.labels().length);
        }
        int h = BoxMath.padded(maxH, sizeDivisibility);
        int w = BoxMath.padded(maxW, sizeDivisibility);
        float[] images = new float[b * 3 * h * w];
        float[] boxes = new float[b * g * 4];
        int[] labels = new int[b * g];
        boolean[] ignore = new boolean[b * g];
        java.util.Arrays.fill(labels, -1);
        List<ImageInfo> infos = new ArrayList<>(b);
        for (int i = 0; i < b; i++) {
            Sample s = samples.get(i);
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < s.height(); y++) {
                    System.arraycopy(s.chw(), (c * s.height() + y) * s.width(), images,
                            ((i * 3 + c) * h + y) * w, s.width());
                }
            }
            System.arraycopy(s.boxes(), 0, boxes, i * g * 4, s.boxes().length);
            System.arraycopy(s.labels(), 0, labels, i * g, s.labels().length);
            System.arraycopy(s.crowd(), 0, ignore, i * g, s.crowd().length);
            infos.add(s.info());
        }
        return new HostBatch(images, b, h, w, boxes, labels, ignore, g, infos);
    }

    /** Copies the batch into NDArrays on {@code manager}'s device. */
    public DeviceBatch toDevice(NDManager manager) {
        NDArray img = HostArrays.of(manager, FloatBuffer.wrap(images), new Shape(batchSize, 3, height, width));
        NDArray bx = HostArrays.of(manager, FloatBuffer.wrap(boxes), new Shape(batchSize, maxBoxes, 4));
        NDArray lb = HostArrays.of(manager, IntBuffer.wrap(labels), new Shape(batchSize, maxBoxes));
        byte[] ig = new byte[ignore.length];
        for (int i = 0; i < ig.length; i++) {
            ig[i] = (byte) (ignore[i] ? 1 : 0);
        }
        NDArray ign = HostArrays.of(manager, ByteBuffer.wrap(ig), new Shape(batchSize, maxBoxes), DataType.BOOLEAN);
        return new DeviceBatch(img, bx, lb, ign, infos);
    }

    /** Number of real (non-padding) boxes in image {@code i}. */
    public int numBoxes(int i) {
        int n = 0;
        for (int j = 0; j < maxBoxes; j++) {
            if (labels[i * maxBoxes + j] >= 0) {
                n++;
            }
        }
        return n;
    }

    /**
     * Splits the batch into {@code n} consecutive parts of near-equal size (one per device), each
     * keeping the padded size and box slots of the whole batch.
     */
    public List<HostBatch> split(int n) {
        List<HostBatch> parts = new ArrayList<>(n);
        int plane = 3 * height * width;
        for (int p = 0; p < n; p++) {
            int from = (int) ((long) batchSize * p / n);
            int to = (int) ((long) batchSize * (p + 1) / n);
            if (to == from) {
                continue;
            }
            parts.add(new HostBatch(java.util.Arrays.copyOfRange(images, from * plane, to * plane), to - from, height,
                    width, java.util.Arrays.copyOfRange(boxes, from * maxBoxes * 4, to * maxBoxes * 4),
                    java.util.Arrays.copyOfRange(labels, from * maxBoxes, to * maxBoxes),
                    java.util.Arrays.copyOfRange(ignore, from * maxBoxes, to * maxBoxes), maxBoxes,
                    List.copyOf(infos.subList(from, to))));
        }
        return parts;
    }
}
