package dev.retinaj.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retinaj.config.Precision;
import org.junit.jupiter.api.Test;

class LossScalerTest {
    @Test
    void overflowHalvesGoodStepsDoubleAndOnlyFp16Scales() {
        LossScaler s = LossScaler.forPrecision(Precision.FP16);
        assertTrue(s.isDynamic());
        assertEquals(65536, s.scale());
        assertTrue(s.absorbs(false));
        s.update(false);
        s.update(false);
        assertEquals(16384, s.scale());
        for (int i = 0; i < LossScaler.INTERVAL - 1; i++) {
            s.update(true);
        }
        assertEquals(16384, s.scale());
        s.update(true);
        assertEquals(32768, s.scale());
        assertEquals(0, s.goodSteps());
        s.update(true);
        s.update(false); // an overflow restarts the count
        assertEquals(16384, s.scale());
        assertEquals(0, s.goodSteps());
        for (int i = 0; i < 40; i++) {
            s.update(false);
        }
        assertEquals(1, s.scale(), "never below 1");
        assertFalse(s.absorbs(false), "at scale 1 a non-finite gradient is a real divergence");
        for (Precision p : new Precision[] {Precision.FP32, Precision.BF16}) {
            LossScaler off = LossScaler.forPrecision(p);
            off.update(false);
            assertEquals(1, off.scale());
            assertFalse(off.absorbs(false));
        }
    }
}
