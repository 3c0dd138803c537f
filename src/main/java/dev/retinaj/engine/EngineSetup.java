package dev.retinaj.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.util.cuda.CudaUtils;
import dev.retinaj.config.RetinaConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts DJL's PyTorch engine once per process: thread counts are set before it loads, and the
 * configured device spec is resolved to concrete devices.
 */
public final class EngineSetup {
    public static final String ENGINE = "PyTorch";

    private EngineSetup() {}

    /**
     * Loads the engine with {@code threads} intra-op threads (0 = engine default) and one inter-op
     * thread per core it may use. Must run before anything else touches the engine.
     */
    public static Engine start(int threads) {
        if (threads > 0) {
            System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
            System.setProperty("ai.djl.pytorch.num_interop_threads", Integer.toString(threads));
        }
        Engine engine = Engine.getEngine(ENGINE);
        // the properties only count when the engine loads; a process that loaded it already (a sweep,
        // tests) still gets the asked intra-op count (inter-op threads cannot change after start)
        if (threads > 0 && ai.djl.pytorch.jni.JniUtils.getNumThreads() != threads) {
            ai.djl.pytorch.jni.JniUtils.setNumThreads(threads);
        }
        return engine;
    }

    /**
     * {@code auto}: every GPU if there are any, else the CPU; {@code cpu}; {@code gpu} (all GPUs);
     * {@code gpu:N[,M...]}. Asking for a GPU that is not there is an error.
     */
    public static List<Device> resolve(String spec, Engine engine) {
        int gpus = engine.getGpuCount();
        List<Device> out = new ArrayList<>();
        switch (spec) {
            case "cpu" -> out.add(Device.cpu());
            case "auto" -> {
                for (int i = 0; i < gpus; i++) {
                    out.add(Device.gpu(i));
                }
                if (out.isEmpty()) {
                    out.add(Device.cpu());
                }
            }
            case "gpu" -> {
                if (gpus == 0) {
                    throw new DeviceUnavailable("device: gpu asked for, but " + ENGINE + " sees no GPU "
                            + "(see README, 'Running on CUDA')");
                }
                for (int i = 0; i < gpus; i++) {
                    out.add(Device.gpu(i));
                }
            }
            default -> {
                for (String id : spec.substring("gpu:".length()).split(",")) {
                    int i = Integer.parseInt(id.trim());
                    if (i >= gpus) {
                        throw new DeviceUnavailable("device: gpu:" + i + " asked for, but " + ENGINE
                                + " sees " + gpus + " GPU(s)");
                    }
                    out.add(Device.gpu(i));
                }
            }
        }
        return List.copyOf(out);
    }

    /** Where a run computes: its devices, and its config with the precision made concrete for them. */
    public record Placement(List<Device> devices, RetinaConfig cfg) {
        /** The first device (the one of a single-device command). */
        public Device device() {
            return devices.get(0);
        }
    }

    /**
     * {@link #resolve}s the devices of {@code spec} for {@code asked}, failing in one line if one of them
     * lacks its precision, and makes {@code precision: auto} concrete for them.
     */
    public static Placement place(String spec, RetinaConfig asked, Engine engine) {
        List<Device> devices = resolve(spec, engine);
        PrecisionSupport.require(asked.precision(), devices);
        return new Placement(devices, PrecisionSupport.concrete(asked, devices));
    }

    /** {@link #start}s the engine with {@code threads} intra-op threads and places {@code asked} on its device. */
    public static Placement startAndPlace(RetinaConfig asked, int threads) {
        return place(asked.device(), asked, start(threads));
    }

    /** CUDA driver version as DJL reports it, or null without CUDA. */
    public static String cudaVersion() {
        return CudaUtils.hasCuda() ? CudaUtils.getCudaVersionString() : null;
    }
}
