package dev.retinaj.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real processes ({@link InterruptsChild}) sent SIGINT: one that never checks is halted after
 * {@link Interrupts#GRACE_MS}, one that checks unwinds at once, and a second signal halts at once
 * without waiting for the first one's grace time. Each prints one line and exits 130.
 */
class InterruptsHaltTest {
    private static final String LINE = "retinaj: SIGINT: interrupted while waiting in a test; nothing to resume";

    @TempDir
    Path dir;

    private Process ready(String mode, Path out) throws Exception {
        Process p = ChildJvm.start(ChildJvm.command(InterruptsChild.class.getName(), List.of(), List.of(mode)), out);
        assertTrue(ChildJvm.awaitText(p, out, "ready"), Files.readString(out));
        return p;
    }

    /** Seconds until {@code p} exits, which must be with the interrupt exit code. */
    private static double secondsToInterruptedExit(Process p, Path out) throws Exception {
        double s = ChildJvm.secondsToExit(p, 15);
        assertEquals(Interrupts.EXIT_CODE, p.exitValue(), Files.readString(out));
        return s;
    }

    @Test
    void aPhaseThatNeverChecksIsHaltedAfterTheGraceTime() throws Exception {
        Path out = dir.resolve("sleep.out");
        Process p = ready("sleep", out);
        ChildJvm.sigint(p);
        double s = secondsToInterruptedExit(p, out);
        assertEquals(List.of(LINE), ChildJvm.ourLines(out));
        assertFalse(Files.readString(out).contains("unwound"));
        double grace = Interrupts.GRACE_MS / 1e3;
        assertTrue(s >= grace - 0.1 && s < grace + 5, "halted after " + s + " s, grace " + grace + " s");
    }

    @Test
    void aPhaseThatChecksUnwindsWellBeforeTheHalt() throws Exception {
        Path out = dir.resolve("check.out");
        Process p = ready("check", out);
        ChildJvm.sigint(p);
        double s = secondsToInterruptedExit(p, out);
        assertEquals(List.of(LINE), ChildJvm.ourLines(out));
        assertTrue(Files.readString(out).contains("unwound"), Files.readString(out));
        assertTrue(s < Interrupts.GRACE_MS / 1e3 / 2, "unwound after " + s + " s");
    }

    @Test
    void aSecondSignalHaltsAtOnce() throws Exception {
        Path out = dir.resolve("twice.out");
        Process p = ready("sleep", out);
        ChildJvm.sigint(p);
        assertTrue(ChildJvm.awaitText(p, out, LINE), Files.readString(out));
        ChildJvm.sigint(p);
        double s = secondsToInterruptedExit(p, out);
        assertEquals(List.of(LINE, "retinaj: second SIGINT: stopping at once; nothing to resume"), ChildJvm.ourLines(out));
        assertTrue(s < Interrupts.GRACE_MS / 1e3 / 2, "second signal: exit after " + s + " s");
    }
}
