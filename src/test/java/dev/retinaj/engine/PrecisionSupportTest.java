package dev.retinaj.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.retinaj.config.Precision;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrecisionSupportTest {
    @Test
    void cpuFlagsDecideReducedPrecision() {
        Set<String> zen4 = Set.of("avx512f", "avx512_bf16", "avx512_vnni");
        Set<String> sapphire = Set.of("avx512f", "avx512_bf16", "avx512_fp16", "amx_bf16");
        Set<String> old = Set.of("avx2", "fma");
        assertNull(PrecisionSupport.lackOnCpu(Precision.BF16, zen4));
        assertTrue(PrecisionSupport.lackOnCpu(Precision.FP16, zen4).contains("AVX512-FP16"));
        assertNull(PrecisionSupport.lackOnCpu(Precision.FP16, sapphire));
        assertNull(PrecisionSupport.lackOnCpu(Precision.BF16, Set.of("amx_bf16")));
        assertTrue(PrecisionSupport.lackOnCpu(Precision.BF16, old).contains("AVX512-BF16 or AMX-BF16"));
    }

    @Test
    void flagsAreReadFromCpuinfo(@TempDir Path dir) throws Exception {
        Path info = dir.resolve("cpuinfo");
        Files.writeString(info, "processor\t: 0\nmodel name\t: X\nflags\t\t: fpu avx2 avx512_bf16\n\nprocessor\t: 1\n");
        assertEquals(Set.of("fpu", "avx2", "avx512_bf16"), PrecisionSupport.readFlags(info));
        assertEquals(Set.of(), PrecisionSupport.readFlags(dir.resolve("missing")));
    }

    @Test
    void fp32IsEverywhereAndALackingDeviceFailsInOneLine() {
        assertNull(PrecisionSupport.lack(Precision.FP32, Device.cpu()));
        Precision lacking = PrecisionSupport.lack(Precision.FP16, Device.cpu()) != null ? Precision.FP16
                : PrecisionSupport.lack(Precision.BF16, Device.cpu()) != null ? Precision.BF16 : null;
        if (lacking != null) {
            DeviceUnavailable e = assertThrows(DeviceUnavailable.class,
                    () -> PrecisionSupport.require(lacking, List.of(Device.cpu())));
            assertTrue(e.getMessage().startsWith("precision: " + lacking.key() + " on cpu()"), e.getMessage());
            assertTrue(e.getMessage().endsWith("use precision: fp32" + (lacking == Precision.FP16 ? " or bf16 where supported" : "")));
            assertTrue(!e.getMessage().contains("\n"));
        }
    }

    @Test
    void autoIsBf16ExactlyWhereTheCpuRunsItNativelyAndOtherKeysStayAsAsked() {
        Precision expected = PrecisionSupport.lack(Precision.BF16, Device.cpu()) == null ? Precision.BF16 : Precision.FP32;
        assertEquals(expected, PrecisionSupport.concrete(Precision.AUTO, List.of(Device.cpu())));
        assertEquals(expected, PrecisionSupport.concrete(Precision.AUTO, List.of(Device.cpu(), Device.cpu())));
        assertEquals(Precision.BF16, PrecisionSupport.concrete(Precision.AUTO, List.of()), "no device lacks it");
        for (Precision p : List.of(Precision.FP32, Precision.BF16, Precision.FP16)) {
            assertEquals(p, PrecisionSupport.concrete(p, List.of(Device.cpu())));
        }
        assertNull(PrecisionSupport.lack(Precision.AUTO, Device.cpu()), "auto never lacks: it falls back to fp32");
        PrecisionSupport.require(Precision.AUTO, List.of(Device.cpu()));
        assertThrows(IllegalStateException.class, () -> PrecisionSupport.dataType(Precision.AUTO));
    }

    @Test
    void aConfigWithAutoBecomesConcreteAndKeepsEverythingElse() {
        dev.retinaj.config.RetinaConfig cfg = dev.retinaj.config.ConfigLoader.load(
                Path.of("configs/shapes_r18_fpn_demo.yaml"), List.of("precision=auto"));
        assertEquals(Precision.AUTO, cfg.precision());
        dev.retinaj.config.RetinaConfig c = PrecisionSupport.concrete(cfg, List.of(Device.cpu()));
        assertEquals(PrecisionSupport.concrete(Precision.AUTO, List.of(Device.cpu())), c.precision());
        assertEquals(cfg.withPrecision(c.precision()), c);
        assertEquals(cfg.model(), c.model());
        assertEquals(cfg.train(), c.train());
    }

    @Test
    void placingARunResolvesItsDevicesAndMakesAutoConcrete() {
        dev.retinaj.config.RetinaConfig cfg = dev.retinaj.config.ConfigLoader.load(
                Path.of("configs/shapes_r18_fpn_demo.yaml"), List.of("precision=auto"));
        EngineSetup.Placement placed = EngineSetup.place("cpu", cfg, ai.djl.engine.Engine.getEngine(EngineSetup.ENGINE));
        assertEquals(List.of(Device.cpu()), placed.devices());
        assertEquals(Device.cpu(), placed.device());
        assertEquals(PrecisionSupport.concrete(Precision.AUTO, List.of(Device.cpu())), placed.cfg().precision());
        assertEquals(cfg.withPrecision(placed.cfg().precision()), placed.cfg());
        if (PrecisionSupport.lack(Precision.FP16, Device.cpu()) != null) {
            assertThrows(DeviceUnavailable.class, () -> EngineSetup.place("cpu", cfg.withPrecision(Precision.FP16),
                    ai.djl.engine.Engine.getEngine(EngineSetup.ENGINE)));
        }
    }
}
