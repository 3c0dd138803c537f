package dev.retinaj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BenchTrainCommandTest {
    /** A benchmark's run is a temporary folder that is deleted: the line must not offer to resume it. */
    @Test
    void anInterruptedBenchmarkSaysThereIsNothingToResume() {
        assertEquals("bench train: SIGTERM: stopped at iteration 5; its temporary run is deleted, nothing to resume",
                BenchTrainCommand.interruptedMessage("SIGTERM: stopped at iteration 5 with a checkpoint; resume with: "
                        + "retinaj train --resume /tmp/retinaj-bench-train123/run"));
        assertEquals("bench train: SIGINT; its temporary run is deleted, nothing to resume",
                BenchTrainCommand.interruptedMessage("SIGINT"));
    }
}
