package dev.retinaj.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No main class makes an engine array over Java memory: NDManager.create from Java data, NDList.decode
 * and the NDArray methods that take a Number and whose operand autograd saves go through
 * {@link HostArrays} and {@link Scalars}. Read from the compiled classes with javap.
 */
class EngineMemoryRulesTest {
    private static final Path CLASSES = Path.of("target", "classes");
    private static final Pattern CALL = Pattern.compile("// (?:Interface)?Method (\\S+)");
    private static final Pattern FORBIDDEN = Pattern.compile(
            "ai/djl/ndarray/NDManager\\.create:\\((\\[|Ljava/nio/|Ljava/lang/Number;|[FDIJZB]\\)).*"
            + "|ai/djl/ndarray/NDList\\.decode:.*"
            + "|ai/djl/ndarray/NDArrays?\\.(mul|muli|div|divi|pow|powi|maximum|minimum|rdiv|rdivi):\\(.*Ljava/lang/Number;.*");

    @Test
    void javaDataReachesTheEngineOnlyThroughHostArraysAndScalars() throws IOException {
        List<Path> classes = classes();
        List<String> listings = javap(classes);
        assertEquals(classes.size(), listings.size());
        List<String> found = new ArrayList<>();
        for (int i = 0; i < classes.size(); i++) {
            String owner = CLASSES.relativize(classes.get(i)).toString();
            if (owner.equals("dev/retinaj/engine/HostArrays.class")) {
                continue;
            }
            Matcher m = CALL.matcher(listings.get(i));
            while (m.find()) {
                if (FORBIDDEN.matcher(m.group(1)).matches()) {
                    found.add(owner + ": " + m.group(1));
                }
            }
        }
        assertEquals(List.of(), found);
    }

    @Test
    void theRuleSeesTheCallsItForbids() throws IOException {
        String hostArrays = javap(List.of(CLASSES.resolve("dev/retinaj/engine/HostArrays.class"))).get(0);
        assertEquals(9, count(hostArrays), hostArrays); // eight creates and one decode
        assertTrue(FORBIDDEN.matcher("ai/djl/ndarray/NDArray.mul:(Ljava/lang/Number;)Lai/djl/ndarray/NDArray;").matches());
        assertTrue(FORBIDDEN.matcher("ai/djl/ndarray/NDManager.create:(F)Lai/djl/ndarray/NDArray;").matches());
        assertFalse(FORBIDDEN.matcher("ai/djl/ndarray/NDArray.mul:(Lai/djl/ndarray/NDArray;)Lai/djl/ndarray/NDArray;").matches());
        assertFalse(FORBIDDEN.matcher("ai/djl/ndarray/NDArray.add:(Ljava/lang/Number;)Lai/djl/ndarray/NDArray;").matches());
    }

    private static long count(String javap) {
        return CALL.matcher(javap).results().filter(r -> FORBIDDEN.matcher(r.group(1)).matches()).count();
    }

    private static List<Path> classes() throws IOException {
        try (Stream<Path> s = Files.walk(CLASSES)) {
            return s.filter(p -> p.toString().endsWith(".class")).sorted().toList();
        }
    }

    /** One javap run over all the classes (one per class takes 40 s); its listing of each, in order. */
    private static List<String> javap(List<Path> classes) {
        ToolProvider javap = ToolProvider.findFirst("javap").orElseThrow();
        StringWriter out = new StringWriter();
        List<String> args = new ArrayList<>(List.of("-c", "-p"));
        classes.forEach(c -> args.add(c.toString()));
        int rc = javap.run(new PrintWriter(out), new PrintWriter(out), args.toArray(String[]::new));
        assertEquals(0, rc, out.toString());
        List<String> listings = new ArrayList<>(List.of(out.toString().split("(?m)^(?=Compiled from )")));
        listings.removeIf(String::isBlank);
        return listings;
    }
}
