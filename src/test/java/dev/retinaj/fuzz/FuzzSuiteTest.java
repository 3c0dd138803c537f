package dev.retinaj.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retinaj.fuzz.Judge.Outcome;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generated hostile and careless inputs against the real CLI (data stats, data convert, config show,
 * eval --gt --detections, train, predict), in-process, plus unwritable folders, a full disk at a
 * checkpoint and SIGINT to real training processes. Each outcome is a clean error, a counted skip, an
 * ok result (valid input that must survive), a wrong result (exit 0 with a silently wrong or leaking
 * result, a skip that failed, a message not naming its file or key) or a trace (a stack trace or
 * exception name on stderr, a JVM crash). Prints the counts per family and class; there must be no
 * wrong result and no trace.
 */
class FuzzSuiteTest {
    private static final long SEED = 16;
    /** {@code -Dfuzz.list=true} prints every case's outcome and its first line. */
    private static final boolean LIST = Boolean.getBoolean("fuzz.list");
    @TempDir
    Path tmp;

    @Test
    void noWrongResultsAndNoTraces() {
        FuzzWorkspace ws = new FuzzWorkspace(tmp);
        List<FuzzCase> cases = new ArrayList<>();
        cases.addAll(new FuzzCocoCases(ws, SEED).all());
        cases.addAll(new FuzzVocYoloCases(ws, SEED + 1).all());
        cases.addAll(new FuzzConfigCases(ws, SEED + 2).all());
        cases.addAll(new FuzzConvertCases(ws, SEED + 6).all());
        FuzzRuns runs = new FuzzRuns(ws);
        cases.addAll(new FuzzTrainCases(ws, runs, SEED + 3).all());
        cases.addAll(new FuzzPredictCases(ws, runs, SEED + 4).all());
        FuzzDiskCases disk = new FuzzDiskCases(ws, runs);
        cases.addAll(disk.all());
        cases.addAll(new FuzzInterruptCases(ws, runs, SEED + 5).all());
        if (disk.skipped != null) {
            System.out.println(disk.skipped);
        }
        Judge judge = new Judge(FuzzSets.SECRET, ws.forbidden());
        Map<Family, Map<Outcome, Integer>> table = new EnumMap<>(Family.class);
        Map<Outcome, Integer> total = new EnumMap<>(Outcome.class);
        List<String> bad = new ArrayList<>();
        for (FuzzCase c : cases) {
            Judge.Verdict v = judge.judge(c, c.run());
            table.computeIfAbsent(c.family(), f -> new EnumMap<>(Outcome.class)).merge(v.outcome(), 1, Integer::sum);
            total.merge(v.outcome(), 1, Integer::sum);
            if (LIST) {
                System.out.println(v.outcome() + " [" + c.family() + "] " + c.name() + ": " + v.why().lines().findFirst().orElse(""));
            }
            if (v.outcome() == Outcome.WRONG || v.outcome() == Outcome.TRACE) {
                String line = v.outcome() + " [" + c.family() + "] " + c.name() + ": " + v.why().lines().findFirst().orElse("");
                bad.add(line);
            }
        }
        System.out.println(report(table, total, cases.size()));
        bad.forEach(System.out::println);
        assertTrue(cases.size() >= 200, "generated " + cases.size() + " cases");
        assertEquals(EnumSet.allOf(Family.class), table.keySet(), "a family without cases");
        assertEquals(List.of(), bad);
        assertTrue(total.getOrDefault(Outcome.COUNTED_SKIP, 0) > 0 && total.getOrDefault(Outcome.CLEAN_ERROR, 0) > 0
                && total.getOrDefault(Outcome.OK, 0) > 0, total.toString());
    }

    private static String report(Map<Family, Map<Outcome, Integer>> table, Map<Outcome, Integer> total, int n) {
        StringBuilder s = new StringBuilder(String.format("fuzz suite: %d cases%n%-24s", n, "family"));
        for (Outcome o : Outcome.values()) {
            s.append(String.format("%14s", o.name().toLowerCase().replace('_', ' ')));
        }
        table.forEach((family, counts) -> row(s, family.label, counts));
        row(s, "(all)", total);
        return s.toString();
    }

    private static void row(StringBuilder s, String family, Map<Outcome, Integer> counts) {
        s.append(String.format("%n%-24s", family));
        for (Outcome o : Outcome.values()) {
            s.append(String.format("%14d", counts.getOrDefault(o, 0)));
        }
    }
}
