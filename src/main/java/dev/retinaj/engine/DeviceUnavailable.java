package dev.retinaj.engine;

import dev.retinaj.util.RetinaJException;

/** The configured {@code device} (a GPU, or a GPU index) is not there on this machine (exit 1). */
public class DeviceUnavailable extends RetinaJException {
    public DeviceUnavailable(String message) {
        super(message);
    }
}
