package dev.retinaj.util;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A Java process on the tests' class path, for tests that send it real signals. */
public final class ChildJvm {
    private ChildJvm() {}

    /** The java command line of {@code mainClass ARGS}, with further JVM options. */
    public static List<String> command(String mainClass, List<String> jvmOptions, List<String> args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-Xmx1g"));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        cmd.addAll(args);
        return cmd;
    }

    /** The java command line of {@code retinaj ARGS}. */
    public static List<String> retinaj(String... args) {
        return command("dev.retinaj.cli.Main", List.of(), List.of(args));
    }

    /** Starts {@code cmd} with stdout and stderr both in {@code output}. */
    public static Process start(List<String> cmd, Path output) throws IOException {
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    }

    /** Sends SIGINT (as Ctrl-C does). */
    public static void sigint(Process p) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
    }

    /** Waits until {@code file} holds {@code text} (false if the process ended first). */
    public static boolean awaitText(Process p, Path file, String text) throws IOException, InterruptedException {
        while (p.isAlive()) {
            if (Files.exists(file) && Files.readString(file).contains(text)) {
                return true;
            }
            Thread.sleep(2);
        }
        return Files.exists(file) && Files.readString(file).contains(text);
    }

    /** Seconds until {@code p} exits (it must within {@code limit} s). */
    public static double secondsToExit(Process p, int limit) throws InterruptedException {
        long t0 = System.nanoTime();
        if (!p.waitFor(limit, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("no exit within " + limit + " s");
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    /** The lines starting with "retinaj:" of an output. */
    public static List<String> ourLines(Path output) throws IOException {
        return Files.readString(output).lines().filter(l -> l.startsWith("retinaj:")).toList();
    }
}
