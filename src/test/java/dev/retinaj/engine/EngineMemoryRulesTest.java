package dev.retinaj.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retinaj.Javap;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * No main class makes an engine array over Java memory: NDManager.create from Java data, NDList.decode,
 * NDArray.set from Java data (DJL points the tensor at its copy in Java memory) and the NDArray methods that take a Number and whose operand autograd saves go through
 * {@link HostArrays} and {@link Scalars}. Read from the compiled classes.
 */
class EngineMemoryRulesTest {
    private static final Pattern CALL = Pattern.compile("// (?:Interface)?Method (\\S+)");
    private static final Pattern FORBIDDEN = Pattern.compile(
            "ai/djl/ndarray/NDManager\\.create:\\((\\[|Ljava/nio/|Ljava/lang/Number;|[FDIJZB]\\)).*"
            + "|ai/djl/ndarray/NDList\\.decode:.*"
            + "|ai/djl/ndarray/NDArray\\.set:\\((\\[|Ljava/nio/).*"
            + "|ai/djl/ndarray/NDArrays?\\.(mul|muli|div|divi|pow|powi|maximum|minimum|rdiv|rdivi):\\(.*Ljava/lang/Number;.*");
    private static final String HOST_ARRAYS = "dev/retinaj/engine/HostArrays.class";

    @Test
    void javaDataReachesTheEngineOnlyThroughHostArraysAndScalars() throws IOException {
        List<String> found = new ArrayList<>();
        for (Javap.Listing l : Javap.mainClasses("-c")) {
            if (!l.classFile().equals(HOST_ARRAYS)) {
                forbiddenCalls(l.text()).forEach(c -> found.add(l.classFile() + ": " + c));
            }
        }
        assertEquals(List.of(), found);
    }

    @Test
    void theRuleSeesTheCallsItForbids() {
        String hostArrays = Javap.of(HOST_ARRAYS, "-c");
        assertEquals(9, forbiddenCalls(hostArrays).size(), hostArrays); // eight creates and one decode
        assertTrue(FORBIDDEN.matcher("ai/djl/ndarray/NDArray.mul:(Ljava/lang/Number;)Lai/djl/ndarray/NDArray;").matches());
        assertTrue(FORBIDDEN.matcher("ai/djl/ndarray/NDManager.create:(F)Lai/djl/ndarray/NDArray;").matches());
        assertFalse(FORBIDDEN.matcher("ai/djl/ndarray/NDArray.mul:(Lai/djl/ndarray/NDArray;)Lai/djl/ndarray/NDArray;").matches());
        assertFalse(FORBIDDEN.matcher("ai/djl/ndarray/NDArray.add:(Ljava/lang/Number;)Lai/djl/ndarray/NDArray;").matches());
        assertTrue(FORBIDDEN.matcher("ai/djl/ndarray/NDArray.set:([F)V").matches());
        assertFalse(FORBIDDEN.matcher("ai/djl/ndarray/NDArray.set:(Lai/djl/ndarray/index/NDIndex;Lai/djl/ndarray/NDArray;)V").matches());
    }

    private static List<String> forbiddenCalls(String listing) {
        List<String> calls = new ArrayList<>();
        Matcher m = CALL.matcher(listing);
        while (m.find()) {
            if (FORBIDDEN.matcher(m.group(1)).matches()) {
                calls.add(m.group(1));
            }
        }
        return calls;
    }
}
