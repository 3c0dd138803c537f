package dev.retinaj.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
    private static final String STATUS = "loss 1.2345 cls 0.8765 box 0.3580 lr 0.0012 nd_arrays 1234 data 0.01 s";
    private static final long SEC = 1_000_000_000L;

    @Test
    void timingLeavesPausesOut() {
        AtomicLong t = new AtomicLong();
        ProgressBar bar = new ProgressBar("train", 10, new PrintStream(new ByteArrayOutputStream()), false,
                Integer.MAX_VALUE, t::get);
        assertEquals("0.000 s/it eta --", bar.timing());
        t.addAndGet(4 * SEC);
        bar.step(2, "");
        bar.pause();
        t.addAndGet(100 * SEC); // an evaluation
        bar.resume();
        // 2 steps in 4 s of work: 2 s/it, 8 steps left = 16 s
        assertEquals("2.000 s/it eta 0:16", bar.timing());
    }

    @Test
    void fitsTheTerminalWidth() {
        for (int cols : new int[] {40, 80, 120, 200}) {
            AtomicLong t = new AtomicLong();
            ProgressBar bar = new ProgressBar("train", 90000, new PrintStream(new ByteArrayOutputStream()), true, cols, t::get);
            bar.jumpTo(45000);
            t.addAndGet(3600 * SEC);
            bar.step(1, STATUS);
            String line = bar.line(t.get());
            assertTrue(line.length() <= cols - 1, cols + " columns: " + line.length() + " chars: " + line);
            assertTrue(line.startsWith("train ["), line);
        }
        AtomicLong t = new AtomicLong();
        ProgressBar wide = new ProgressBar("train", 100, new PrintStream(new ByteArrayOutputStream()), true, 200, t::get);
        wide.step(50, STATUS);
        String line = wide.line(t.get());
        assertTrue(line.contains("[" + "#".repeat(14) + ".".repeat(14) + "]"), "full 28-cell bar at 200 columns: " + line);
        assertTrue(line.endsWith(STATUS), "the whole status fits in 200 columns: " + line);
    }

    @Test
    void theBarShrinksBeforeTheStatusIsCut() {
        String counts = " 50/100  50% 2.0 it/s eta 0:25 elapsed 0:25";
        String l = ProgressBar.fit("train", 0.5, counts, "loss 1.0", 80);
        int bar = l.indexOf(']') - l.indexOf('[') - 1;
        assertEquals(80 - 1 - ("train".length() + 3 + counts.length() + " loss 1.0".length()), bar);
        assertTrue(l.endsWith("loss 1.0"));
        String cut = ProgressBar.fit("train", 0.5, counts, STATUS, 80);
        assertEquals(79, cut.length());
        assertTrue(cut.contains("[" + "#".repeat(5) + ".".repeat(5) + "]"), cut);
    }

    @Test
    void redirectedOutputGetsAPlainLineEveryLogPeriod() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        AtomicLong t = new AtomicLong();
        try (ProgressBar bar = new ProgressBar("train", 50, new PrintStream(buf, true, StandardCharsets.UTF_8), false,
                Integer.MAX_VALUE, t::get).logEvery(20)) {
            for (int i = 0; i < 50; i++) {
                t.addAndGet(SEC);
                bar.step(1, "loss " + i);
            }
        }
        String[] lines = buf.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(3, lines.length, String.join("\n", lines)); // at 20, 40 and the last step
        assertTrue(lines[0].contains(" 20/50 ") && lines[0].endsWith("loss 19"), lines[0]);
        assertTrue(lines[2].contains(" 50/50 "), lines[2]);
        assertFalse(buf.toString(StandardCharsets.UTF_8).contains("\r"), "no carriage returns in a log");
    }

    @Test
    void pausedTimeIsLeftOutOfRateAndEta() {
        AtomicLong t = new AtomicLong();
        ProgressBar bar = new ProgressBar("train", 100, new PrintStream(new ByteArrayOutputStream()), false,
                Integer.MAX_VALUE, t::get);
        for (int i = 0; i < 10; i++) {
            t.addAndGet(SEC);
            bar.step(1, "");
        }
        bar.excluding(() -> t.addAndGet(100 * SEC)); // a 100 s evaluation
        String line = bar.line(t.get());
        // 10 steps in 10 s of work: 1.0 it/s, 90 left: 1:30; elapsed shows the wall time, 1:50
        assertTrue(line.contains("1.0 it/s eta 1:30 elapsed 1:50"), line);
        bar.pause();
        t.addAndGet(50 * SEC);
        assertEquals(10.0, bar.activeSeconds(t.get()), 1e-9, "still paused");
        bar.resume();
        assertEquals(10.0, bar.activeSeconds(t.get()), 1e-9);
    }

    @Test
    void aResumedRunsRateCountsOnlyItsOwnSteps() {
        AtomicLong t = new AtomicLong();
        ProgressBar bar = new ProgressBar("train", 1000, new PrintStream(new ByteArrayOutputStream()), false,
                Integer.MAX_VALUE, t::get);
        bar.jumpTo(500);
        t.addAndGet(10 * SEC);
        bar.step(5, "");
        assertTrue(bar.line(t.get()).contains("2.00 s/it"), bar.line(t.get()));
    }

    @Test
    void terminalWidthParsing() {
        assertEquals(132, TerminalWidth.parse("132"));
        assertEquals(null, TerminalWidth.parse("abc"));
        assertEquals(null, TerminalWidth.parse("0"));
        assertEquals(200, TerminalWidth.fromSttyOutput("50 200\n"));
        assertEquals(null, TerminalWidth.fromSttyOutput(""));
    }
}
