package dev.retinaj;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The size limits of docs/architecture.md: no main source file over 300 lines, no method over 60
 * (the two evaluators that follow pycocotools and the VOC devkit line by line excepted), no method
 * with more than 7 parameters (records, which are data, excepted). Methods are read from the
 * compiled classes: a method's lines are those of its statements (javap's line table) plus its
 * header and closing brace; a lambda's body counts as a method of its own.
 */
class SourceLimitsTest {
    static final int MAX_FILE_LINES = 300;
    static final int MAX_METHOD_LINES = 60;
    static final int MAX_PARAMETERS = 7;
    private static final Set<String> LINE_BY_LINE_PORTS = Set.of(
            "dev/retinaj/eval/CocoImageMatcher.class evaluateImage", "dev/retinaj/eval/VocEvaluator.class evaluateClass");
    /** protoc's output from src/main/proto, not written by hand. */
    private static final String GENERATED = "dev/retinaj/tensorboard/proto/";
    /** A method or constructor line of javap -l: name and parameter list. */
    private static final Pattern METHOD = Pattern.compile("  [^(]*?([\\w$]+)\\(([^)]*)\\)[^;]*;");
    private static final Pattern LINE = Pattern.compile("^\\s+line (\\d+): \\d+$");

    @Test
    void mainSourceFilesHaveAtMost300Lines() throws IOException {
        List<String> over = new ArrayList<>();
        try (Stream<Path> s = Files.walk(Path.of("src", "main", "java"))) {
            for (Path f : s.filter(p -> p.toString().endsWith(".java")).toList()) {
                long n = Files.readAllLines(f).size();
                if (n > MAX_FILE_LINES) {
                    over.add(f + ": " + n);
                }
            }
        }
        assertEquals(List.of(), over);
    }

    @Test
    void methodsHaveAtMost60LinesAnd7Parameters() throws IOException {
        List<String> tooLong = new ArrayList<>();
        List<String> tooMany = new ArrayList<>();
        Set<String> longPorts = new java.util.TreeSet<>();
        int methods = 0;
        for (Javap.Listing l : Javap.mainClasses("-l")) {
            if (l.classFile().startsWith(GENERATED)) {
                continue;
            }
            boolean record = l.text().contains(" extends java.lang.Record");
            for (Method m : methods(l.text())) {
                methods++;
                String where = l.classFile() + " " + m.name();
                if (m.lines() > MAX_METHOD_LINES) {
                    if (LINE_BY_LINE_PORTS.contains(where)) {
                        longPorts.add(where);
                    } else {
                        tooLong.add(where + ": " + m.lines());
                    }
                }
                if (!record && !m.name().startsWith("lambda$") && m.parameters() > MAX_PARAMETERS) {
                    tooMany.add(where + ": " + m.parameters());
                }
            }
        }
        assertTrue(methods > 1000, "read " + methods + " methods");
        assertEquals(List.of(), tooLong);
        assertEquals(new java.util.TreeSet<>(LINE_BY_LINE_PORTS), longPorts, "the exempt ports, measured as the long methods they are");
        assertEquals(List.of(), tooMany);
    }

    @Test
    void readsLinesAndParametersOffJavap() {
        String listing = """
                public final class a.B {
                  public a.B(java.util.Map<java.lang.String, java.lang.Integer>, int);
                    LineNumberTable:
                      line 10: 0
                      line 7: 4
                      line 12: 9
                  static int f(int, java.util.List<a.C<java.lang.String, java.lang.Long>>, long[], a.D);
                    LineNumberTable:
                      line 20: 0
                      line 29: 5
                  static {};
                    LineNumberTable:
                      line 3: 0
                      line 90: 8
                }
                """;
        assertEquals(List.of(new Method("B", 5, 2), new Method("f", 12, 4)), methods(listing));
    }

    record Method(String name, int lines, int parameters) {}

    /**
     * A constructor's line table also holds the field initialisers, which stand above it: its lines
     * start at its first entry (the header's super() call).
     */
    static List<Method> methods(String listing) {
        List<Method> out = new ArrayList<>();
        for (String member : listing.split("(?m)^(?=  \\S)")) {
            Matcher h = METHOD.matcher(member.lines().findFirst().orElse(""));
            if (!h.matches()) {
                continue; // a field, a static initialiser, the class line
            }
            int first = -1;
            int last = -1;
            for (String line : member.split("\n")) {
                Matcher n = LINE.matcher(line);
                if (n.matches()) {
                    int v = Integer.parseInt(n.group(1));
                    first = first < 0 ? v : first;
                    last = Math.max(last, v);
                }
            }
            if (first >= 0) {
                out.add(new Method(h.group(1), last - first + 3, parameters(h.group(2))));
            }
        }
        return out;
    }

    private static int parameters(String list) {
        if (list.isBlank()) {
            return 0;
        }
        int depth = 0;
        int n = 1;
        for (char c : list.toCharArray()) {
            depth += c == '<' ? 1 : c == '>' ? -1 : 0;
            n += c == ',' && depth == 0 ? 1 : 0;
        }
        return n;
    }
}
