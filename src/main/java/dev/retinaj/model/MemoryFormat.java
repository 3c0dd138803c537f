package dev.retinaj.model;

import ai.djl.ndarray.NDArray;

/**
 * Channels-last layout (libtorch's {@code torch.channels_last}) for [N, C, H, W] arrays: the same
 * logical shape with the channels innermost in memory, which oneDNN's CPU convolutions run on
 * without reordering each input and output. Convolutions, norms, element-wise ops, pooling and
 * nearest upsampling keep it, so converting the images once lays out the whole network.
 */
public final class MemoryFormat {
    private MemoryFormat() {}

    /** Whether inference runs channels-last on {@code device}: on CPUs (10% faster, bench model R50 at 512). */
    public static boolean forInference(ai.djl.Device device) {
        return ai.djl.Device.Type.CPU.equals(device.getDeviceType());
    }

    /** {@code x} [N, C, H, W] laid out channels-last (a copy; autograd flows through it). */
    public static NDArray channelsLast(NDArray x) {
        long[] s = x.getShape().getShape();
        if (s.length != 4) {
            throw new IllegalArgumentException("channels-last needs [N, C, H, W], got " + x.getShape());
        }
        // flattening the NHWC view cannot be a view of NCHW memory, so it copies into NHWC order
        NDArray nhwc = x.transpose(0, 2, 3, 1).reshape(s[0], -1).reshape(s[0], s[2], s[3], s[1]);
        return nhwc.transpose(0, 3, 1, 2);
    }
}
