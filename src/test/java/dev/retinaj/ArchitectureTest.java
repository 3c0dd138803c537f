package dev.retinaj;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package lines of docs/architecture.md, read from the source tree: every reference from one
 * top-level package of dev.retinaj to another (imports and fully qualified names, outside comments)
 * is an edge, and the edges form no cycle.
 */
class ArchitectureTest {
    private static final Path ROOT = Path.of("src", "main", "java", "dev", "retinaj");
    private static final Pattern REF = Pattern.compile("\\bdev\\.retinaj\\.([a-z]+)\\.");
    /** A char or string literal (kept), or a comment (dropped). */
    private static final Pattern TOKEN = Pattern.compile(
            "'(?:\\\\.|[^'\\\\])'|\"(?:\\\\.|[^\"\\\\\\n])*\"|/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL);

    @Test
    void packagesFormNoCycle() throws IOException {
        Map<String, Set<String>> uses = uses();
        assertTrue(uses.keySet().containsAll(Set.of("cli", "train", "infer", "eval", "plot", "util")), uses.keySet()::toString);
        List<String> cycle = cycle(uses);
        assertEquals(List.of(), cycle, () -> "package cycle " + String.join(" -> ", cycle));
    }

    @Test
    void theMetricsImportNoneOfInferTrainOrCli() throws IOException {
        Set<String> eval = uses().get("eval");
        assertTrue(eval.stream().noneMatch(Set.of("infer", "train", "cli")::contains), eval::toString);
    }

    @Test
    void readsReferencesOutsideCommentsOnly() {
        String src = "import dev.retinaj.util.A; // dev.retinaj.train.B\n/* dev.retinaj.cli.C */ String s = \"//\";"
                + " char q = '\"'; dev.retinaj.model.D d; String t = \"/*\"; dev.retinaj.loss.E e; // */";
        Matcher m = REF.matcher(withoutComments(src));
        List<String> found = new ArrayList<>();
        while (m.find()) {
            found.add(m.group(1));
        }
        assertEquals(List.of("util", "model", "loss"), found);
    }

    @Test
    void findsACycleAndNamesIt() {
        Map<String, Set<String>> uses = new TreeMap<>(Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a", "d"),
                "d", Set.of()));
        assertEquals(List.of("a", "b", "c", "a"), cycle(uses));
        assertEquals(List.of(), cycle(new TreeMap<>(Map.of("a", Set.of("b", "c"), "b", Set.of("c"), "c", Set.of()))));
    }

    /** Top-level package → the other top-level packages its files refer to. */
    private static Map<String, Set<String>> uses() throws IOException {
        Map<String, Set<String>> uses = new TreeMap<>();
        try (Stream<Path> files = Files.walk(ROOT)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Path rel = ROOT.relativize(f);
                if (rel.getNameCount() < 2) {
                    continue;
                }
                String pkg = rel.getName(0).toString();
                Set<String> to = uses.computeIfAbsent(pkg, k -> new TreeSet<>());
                Matcher m = REF.matcher(withoutComments(Files.readString(f)));
                while (m.find()) {
                    if (!m.group(1).equals(pkg)) {
                        to.add(m.group(1));
                    }
                }
            }
        }
        return uses;
    }

    private static String withoutComments(String src) {
        Matcher m = TOKEN.matcher(src);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            boolean literal = m.group().startsWith("'") || m.group().startsWith("\"");
            m.appendReplacement(b, literal ? Matcher.quoteReplacement(m.group()) : " ");
        }
        m.appendTail(b);
        return b.toString();
    }

    /** One cycle of the graph as a closed path (first = last), or an empty list. Depth-first search. */
    private static List<String> cycle(Map<String, Set<String>> uses) {
        Map<String, Integer> state = new TreeMap<>();
        for (String start : uses.keySet()) {
            List<String> path = new ArrayList<>();
            if (visit(start, uses, state, path)) {
                return path;
            }
        }
        return List.of();
    }

    private static boolean visit(String p, Map<String, Set<String>> uses, Map<String, Integer> state, List<String> path) {
        int s = state.getOrDefault(p, 0);
        if (s == 2) {
            return false;
        }
        if (s == 1) {
            path.subList(0, path.indexOf(p)).clear();
            path.add(p);
            return true;
        }
        state.put(p, 1);
        path.add(p);
        for (String q : uses.getOrDefault(p, Set.of())) {
            if (visit(q, uses, state, path)) {
                return true;
            }
        }
        path.remove(path.size() - 1);
        state.put(p, 2);
        return false;
    }
}
