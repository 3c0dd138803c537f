package dev.retinaj.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Debian's chromium, headless, offline, with a fresh profile: a page's DOM after load and its console. */
final class HeadlessChromium {
    record Page(String dom, String log) {
        /** Console messages Chromium logged as errors (uncaught exceptions, console.error). */
        List<String> consoleErrors() {
            List<String> out = new ArrayList<>();
            for (String line : log.split("\\R")) {
                if (line.contains("CONSOLE") && (line.contains("Uncaught") || line.contains(":ERROR:"))) {
                    out.add(line);
                }
            }
            return out;
        }
    }

    private HeadlessChromium() {}

    static boolean available() {
        return Stream.of("/usr/bin/chromium", "/usr/bin/chromium-browser").anyMatch(p -> Files.isExecutable(Path.of(p)));
    }

    static Page open(Path html) throws IOException, InterruptedException {
        String exe = Files.isExecutable(Path.of("/usr/bin/chromium")) ? "/usr/bin/chromium" : "/usr/bin/chromium-browser";
        Path profile = Files.createTempDirectory("retinaj-chromium");
        Path err = Files.createTempFile("retinaj-chromium", ".log");
        try {
            Process p = new ProcessBuilder(exe, "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                    "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0", "--virtual-time-budget=10000",
                    "--dump-dom", html.toUri().toString())
                    .redirectError(err.toFile()).start();
            byte[] dom = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("chromium did not finish in 120 s");
            }
            return new Page(new String(dom, StandardCharsets.UTF_8), Files.readString(err));
        } finally {
            Files.deleteIfExists(err);
            try (Stream<Path> s = Files.walk(profile)) {
                s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
