package dev.retinaj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import org.junit.jupiter.api.Test;

/**
 * I/O failures outside the checkpoint writes (metrics.jsonl, result.json, the exported model, config.yaml)
 * reach Main as they are: each prints one line with the file and the reason, no class name, exit 1.
 */
class MainIoMessagesTest {
    @Command(name = "boom")
    static final class Boom implements Callable<Integer> {
        final Exception e;

        Boom(Exception e) {
            this.e = e;
        }

        @Override
        public Integer call() throws Exception {
            throw e;
        }
    }

    private static String[] run(Exception e) {
        CommandLine cl = Main.commandLine();
        cl.addSubcommand("boom", new Boom(e));
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        int code = cl.execute("boom");
        return new String[] {Integer.toString(code), err.toString()};
    }

    private static void assertLine(Exception e, String line) {
        String[] r = run(e);
        assertEquals("1", r[0], r[1]);
        assertEquals("retinaj: " + line + System.lineSeparator(), r[1]);
    }

    @Test
    void aFullDiskWhileWritingMetricsNamesTheFileAndTheReason() {
        assertLine(new UncheckedIOException("cannot write runs/a/metrics.jsonl", new IOException("No space left on device")),
                "cannot write runs/a/metrics.jsonl: No space left on device");
        assertLine(new UncheckedIOException(new FileSystemException("runs/a/result.json", null, "No space left on device")),
                "runs/a/result.json: No space left on device");
    }

    @Test
    void fileSystemExceptionsAreTheFileAndTheReason() {
        assertLine(new FileSystemException("runs/a/config.yaml", null, "Read-only file system"),
                "runs/a/config.yaml: Read-only file system");
        assertLine(new AccessDeniedException("runs/a/model.zip"), "runs/a/model.zip: permission denied");
        assertLine(new NoSuchFileException("runs/gone/result.json"), "runs/gone/result.json: no such file or folder");
        assertLine(new FileAlreadyExistsException("out"), "out: already exists");
        assertLine(new FileSystemException("a.tmp", "a", "Cross-device link"), "a.tmp -> a: Cross-device link");
        assertLine(new IOException("No space left on device"), "No space left on device");
    }
}
