package dev.retinaj.util;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The halt after a signal waits while the command's thread is inside a libtorch op: what counts as
 * "inside the engine". (Signals themselves are tested on real processes: train/StartupInterruptTest.)
 */
class InterruptsTest {
    @Test
    void aThreadInALibtorchOpIsInTheEngineAndASleepingOneIsNot() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch started = new CountDownLatch(1);
        Thread worker = new Thread(() -> {
            try (NDManager m = NDManager.newBaseManager()) {
                NDArray a = m.randomUniform(0, 1, new Shape(600, 600));
                started.countDown();
                while (!stop.get()) {
                    a.matMul(a).close();
                }
            }
        });
        worker.start();
        started.await();
        boolean seen = false;
        for (int i = 0; i < 200 && !seen; i++) {
            seen = Interrupts.inEngine(worker);
            Thread.sleep(5);
        }
        stop.set(true);
        worker.join();
        assertTrue(seen, "a thread multiplying matrices in a loop was never seen inside the engine");
        assertFalse(Interrupts.inEngine(worker), "a finished thread");

        Thread sleeper = new Thread(() -> {
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        sleeper.start();
        while (sleeper.getState() != Thread.State.TIMED_WAITING) {
            Thread.onSpinWait();
        }
        assertFalse(Interrupts.inEngine(sleeper), "Thread.sleep is native, but not the engine's");
        sleeper.interrupt();
        sleeper.join();
    }
}
