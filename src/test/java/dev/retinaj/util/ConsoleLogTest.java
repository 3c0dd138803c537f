package dev.retinaj.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsoleLogTest {
    @Test
    void theErasePrefixIsForTerminalsOnly() {
        assertEquals("\r\u001b[K", ConsoleLog.prefix(true));
        assertEquals("", ConsoleLog.prefix(false));
    }

    /**
     * What a terminal shows of {@code out}: carriage return, newline, erase-to-end-of-line and
     * overwriting; no wrapping (the bar is narrower than the terminal).
     */
    static List<String> screen(String out) {
        List<StringBuilder> lines = new ArrayList<>(List.of(new StringBuilder()));
        int col = 0;
        for (int i = 0; i < out.length(); i++) {
            char c = out.charAt(i);
            StringBuilder line = lines.get(lines.size() - 1);
            if (c == '\r') {
                col = 0;
            } else if (c == '\n') {
                lines.add(new StringBuilder());
                col = 0;
            } else if (c == '\u001b' && out.startsWith("[K", i + 1)) {
                line.setLength(Math.min(col, line.length()));
                i += 2;
            } else {
                while (line.length() < col) {
                    line.append(' ');
                }
                if (col < line.length()) {
                    line.setCharAt(col, c);
                } else {
                    line.append(c);
                }
                col++;
            }
        }
        return lines.stream().map(StringBuilder::toString).filter(l -> !l.isBlank()).collect(Collectors.toList());
    }

    @Test
    void aLogLineOnATerminalStartsItsOwnLineInsteadOfFollowingTheBar(@TempDir Path dir) throws Exception {
        assumeTrue(new File("/usr/bin/script").canExecute(), "needs script(1) for a pseudo-terminal");
        List<String> cmd = ChildJvm.command(BarAndLogChild.class.getName(), List.of(), List.of());
        String quoted = cmd.stream().map(a -> "'" + a.replace("'", "'\\''") + "'").collect(Collectors.joining(" "));
        Path out = dir.resolve("pty.txt");
        ProcessBuilder pb = new ProcessBuilder("/usr/bin/script", "-qec", quoted, "/dev/null")
                .redirectErrorStream(true).redirectOutput(out.toFile());
        pb.environment().put("COLUMNS", "100");
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child did not finish");
        String raw = Files.readString(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), raw);
        List<String> shown = screen(raw);
        String all = String.join("\n", shown);
        assertTrue(shown.stream().anyMatch(l -> l.matches("\\d\\d:\\d\\d:\\d\\d INFO  iteration 1/3: loss 1\\.0000")),
                "the log line on a line of its own:\n" + all);
        assertFalse(shown.stream().anyMatch(l -> l.contains("train [") && l.contains("INFO")),
                "a log line glued to the bar:\n" + all);
        assertTrue(shown.get(shown.size() - 1).matches("train \\[#+\\] 3/3 100% .* loss 0\\.2500"),
                "the finished bar last:\n" + all);
    }
}
