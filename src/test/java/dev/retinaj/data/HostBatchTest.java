package dev.retinaj.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class HostBatchTest {
    private static Sample sample(int w, int h, float fill, float[] boxes, int[] labels, boolean[] crowd) {
        float[] chw = new float[3 * w * h];
        java.util.Arrays.fill(chw, fill);
        ImageInfo info = new ImageInfo(1, "x", Path.of("x.jpg"), w, h, w, h, 1.0, false);
        return new Sample(chw, w, h, boxes, labels, crowd, info);
    }

    @Test
    void padsImagesToTheDivisorTopLeftAlignedAndBoxesWithMinusOne() {
        Sample a = sample(130, 100, 1f, new float[] {1, 2, 3, 4, 5, 6, 7, 8}, new int[] {3, 0}, new boolean[] {false, true});
        Sample b = sample(90, 140, 2f, new float[0], new int[0], new boolean[0]);
        HostBatch hb = HostBatch.collate(List.of(a, b), 128);
        assertEquals(2, hb.batchSize());
        assertEquals(256, hb.height());
        assertEquals(256, hb.width());
        assertEquals(2, hb.maxBoxes());
        assertArrayEquals(new int[] {3, 0, -1, -1}, hb.labels());
        assertArrayEquals(new boolean[] {false, true, false, false}, hb.ignore());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 0, 0, 0, 0, 0, 0, 0, 0}, hb.boxes());
        int hw = 256 * 256;
        // image a, channel 2: (y=99, x=129) is inside, (99, 130) and (100, 0) are padding
        assertEquals(1f, hb.images()[2 * hw + 99 * 256 + 129]);
        assertEquals(0f, hb.images()[2 * hw + 99 * 256 + 130]);
        assertEquals(0f, hb.images()[2 * hw + 100 * 256]);
        // image b, channel 0: (139, 89) inside, (139, 90) padding
        assertEquals(2f, hb.images()[3 * hw + 139 * 256 + 89]);
        assertEquals(0f, hb.images()[3 * hw + 139 * 256 + 90]);
        assertEquals(2, hb.numBoxes(0));
        assertEquals(0, hb.numBoxes(1));
    }

    @Test
    void aBatchWithoutBoxesStillHasOnePaddedSlot() {
        HostBatch hb = HostBatch.collate(List.of(sample(10, 10, 0f, new float[0], new int[0], new boolean[0])), 32);
        assertEquals(1, hb.maxBoxes());
        assertArrayEquals(new int[] {-1}, hb.labels());
        assertEquals(32, hb.height());
    }

    @Test
    void toDeviceGivesTheAgreedShapesAndTypes() {
        Sample a = sample(20, 10, 1f, new float[] {1, 2, 3, 4}, new int[] {2}, new boolean[] {true});
        HostBatch hb = HostBatch.collate(List.of(a, a), 16);
        try (NDManager m = NDManager.newBaseManager(); DeviceBatch d = hb.toDevice(m)) {
            assertEquals(new Shape(2, 3, 16, 32), d.images().getShape());
            assertEquals(DataType.FLOAT32, d.images().getDataType());
            assertEquals(new Shape(2, 1, 4), d.boxes().getShape());
            assertEquals(DataType.INT32, d.labels().getDataType());
            assertEquals(DataType.BOOLEAN, d.ignore().getDataType());
            assertArrayEquals(new boolean[] {true, true}, d.ignore().toBooleanArray());
            assertArrayEquals(new int[] {2, 2}, d.labels().toIntArray());
            assertEquals(2 * 3 * 10 * 20, d.images().sum().getFloat(), 1e-3);
        }
    }
}
