package dev.retinaj.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.retinaj.config.ConfigLoader;
import dev.retinaj.config.TrainConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class LrScheduleTest {
    private static TrainConfig train(String... sets) {
        return ConfigLoader.load(null, List.of(sets)).train();
    }

    @Test
    void warmupThenMultistep() {
        LrSchedule s = new LrSchedule(train("train.lr=0.01", "train.warmup.iters=100", "train.warmup.factor=0.001",
                "train.schedule.steps=[300, 400]", "train.max_iters=500"));
        assertEquals(0.01 * 0.001, s.lrAt(0), 1e-15);
        assertEquals(0.01 * (0.001 * 0.5 + 0.5), s.lrAt(50), 1e-15);
        assertEquals(0.01, s.lrAt(100), 1e-15);
        assertEquals(0.01, s.lrAt(299), 1e-15);
        assertEquals(0.001, s.lrAt(300), 1e-15);
        assertEquals(0.0001, s.lrAt(450), 1e-15);
    }

    @Test
    void cosineEndsAtTheFloor() {
        LrSchedule s = new LrSchedule(train("train.lr=0.02", "train.warmup.iters=0", "train.schedule.type=cosine",
                "train.schedule.min_lr_factor=0.05", "train.max_iters=1000"));
        assertEquals(0.02, s.lrAt(0), 1e-15);
        assertEquals(0.02 * (0.05 + 0.95 * 0.5), s.lrAt(500), 1e-12);
        assertEquals(0.02 * 0.05, s.lrAt(1000), 1e-15);
    }
}
