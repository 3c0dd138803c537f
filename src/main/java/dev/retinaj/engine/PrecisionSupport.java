package dev.retinaj.engine;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import ai.djl.util.cuda.CudaUtils;
import dev.retinaj.config.Precision;
import dev.retinaj.config.RetinaConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which precisions a device runs natively. A CPU without the instructions would fall back to slow
 * emulation, so that counts as unsupported: bf16 needs AVX512-BF16 or AMX-BF16, fp16 AVX512-FP16 or
 * AMX-FP16 (oneDNN's kernels). On CUDA, fp16 runs everywhere and bf16 from compute capability 8.0.
 */
public final class PrecisionSupport {
    private static volatile Set<String> cpuFlags;

    private PrecisionSupport() {}

    /** The engine's type for a precision. */
    public static DataType dataType(Precision p) {
        return switch (p) {
            case FP32 -> DataType.FLOAT32;
            case BF16 -> DataType.BFLOAT16;
            case FP16 -> DataType.FLOAT16;
            case AUTO -> throw new IllegalStateException("precision: auto is made concrete for the devices first");
        };
    }

    /** {@code p}, with auto made bf16 if every one of {@code devices} runs bf16 natively, else fp32. */
    public static Precision concrete(Precision p, Iterable<Device> devices) {
        if (p != Precision.AUTO) {
            return p;
        }
        for (Device d : devices) {
            if (lack(Precision.BF16, d) != null) {
                return Precision.FP32;
            }
        }
        return Precision.BF16;
    }

    /** {@code cfg} with its precision {@link #concrete} for {@code devices}. */
    public static RetinaConfig concrete(RetinaConfig cfg, Iterable<Device> devices) {
        Precision p = concrete(cfg.precision(), devices);
        return p == cfg.precision() ? cfg : cfg.withPrecision(p);
    }

    /** Null if {@code device} runs {@code p} natively, else why not (for a one-line error). */
    public static String lack(Precision p, Device device) {
        if (p == Precision.FP32 || p == Precision.AUTO) {
            return null;
        }
        if (Device.Type.GPU.equals(device.getDeviceType())) {
            int cc = computeCapability(device);
            return p == Precision.BF16 && cc < 80
                    ? "needs compute capability 8.0 (Ampere) or newer, " + device + " has " + cc / 10 + "." + cc % 10
                    : null;
        }
        return lackOnCpu(p, cpuFlags());
    }

    static String lackOnCpu(Precision p, Set<String> flags) {
        if (instruction(p, flags) != null) {
            return null;
        }
        String isa = p == Precision.BF16 ? "BF16" : "FP16";
        return "needs a CPU with AVX512-" + isa + " or AMX-" + isa + " (this one would emulate it, slower than fp32)";
    }

    /** The instruction that makes {@code p} native here, e.g. "avx512_bf16", or null. */
    public static String cpuInstruction(Precision p) {
        return instruction(p, cpuFlags());
    }

    private static String instruction(Precision p, Set<String> flags) {
        if (p == Precision.FP32 || p == Precision.AUTO) {
            return null;
        }
        String isa = p == Precision.BF16 ? "bf16" : "fp16";
        return flags.contains("amx_" + isa) ? "amx_" + isa : flags.contains("avx512_" + isa) ? "avx512_" + isa : null;
    }

    /** Throws a one-line {@link DeviceUnavailable} unless every device runs {@code p}. */
    public static void require(Precision p, Iterable<Device> devices) {
        for (Device d : devices) {
            String why = lack(p, d);
            if (why != null) {
                throw new DeviceUnavailable("precision: " + p.key() + " on " + d + " " + why + "; use precision: fp32"
                        + (p == Precision.FP16 ? " or bf16 where supported" : ""));
            }
        }
    }

    private static int computeCapability(Device d) {
        try {
            return Integer.parseInt(CudaUtils.getComputeCapability(d.getDeviceId()));
        } catch (RuntimeException e) {
            return 0;
        }
    }

    static Set<String> cpuFlags() {
        Set<String> f = cpuFlags;
        if (f == null) {
            f = readFlags(Path.of("/proc/cpuinfo"));
            cpuFlags = f;
        }
        return f;
    }

    static Set<String> readFlags(Path cpuinfo) {
        try {
            return Files.readAllLines(cpuinfo).stream().filter(l -> l.startsWith("flags"))
                    .findFirst().map(l -> Arrays.stream(l.substring(l.indexOf(':') + 1).trim().split("\\s+"))
                            .collect(Collectors.toUnmodifiableSet())).orElse(Set.of());
        } catch (IOException | RuntimeException e) {
            return Set.of();
        }
    }
}
