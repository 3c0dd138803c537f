package dev.retinaj;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

/** The JDK's javap over compiled main classes, for tests that check rules in the bytecode. */
public final class Javap {
    public static final Path CLASSES = Path.of("target", "classes");

    private Javap() {}

    /** A class file (relative to {@link #CLASSES}) and javap's listing of it. */
    public record Listing(String classFile, String text) {}

    /** Every main class, in one javap run (one run per class takes 40 s); {@code options} such as -c, -l. */
    public static List<Listing> mainClasses(String... options) throws IOException {
        List<Path> classes;
        try (Stream<Path> s = Files.walk(CLASSES)) {
            classes = s.filter(p -> p.toString().endsWith(".class")).sorted().toList();
        }
        List<String> texts = run(classes, options);
        assertEquals(classes.size(), texts.size(), "one listing per class");
        List<Listing> out = new ArrayList<>();
        for (int i = 0; i < classes.size(); i++) {
            out.add(new Listing(CLASSES.relativize(classes.get(i)).toString(), texts.get(i)));
        }
        return out;
    }

    public static String of(String classFile, String... options) {
        return run(List.of(CLASSES.resolve(classFile)), options).get(0);
    }

    private static List<String> run(List<Path> classes, String... options) {
        ToolProvider javap = ToolProvider.findFirst("javap").orElseThrow();
        StringWriter out = new StringWriter();
        List<String> args = new ArrayList<>(List.of(options));
        args.add("-p");
        classes.forEach(c -> args.add(c.toString()));
        int rc = javap.run(new PrintWriter(out), new PrintWriter(out), args.toArray(String[]::new));
        assertEquals(0, rc, out.toString());
        List<String> listings = new ArrayList<>(List.of(out.toString().split("(?m)^(?=Compiled from )")));
        listings.removeIf(String::isBlank);
        return listings;
    }
}
