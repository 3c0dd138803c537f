package dev.retinaj.fuzz;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * One generated input and what a correct result looks like. Every case holds a defect, so exit 0 is
 * only right when the defect is reported (a counted skip) and the result stays within bounds: at most
 * {@code maxImages} images and {@code maxBoxes} boxes, only {@code classes}, nothing from outside.
 */
record FuzzCase(String family, String name, List<String> args, Kind kind, int maxImages, int maxBoxes,
                Set<String> classes, Path out, List<String> expectClasses) {

    enum Kind {
        /** {@code data stats --json}: the JSON must stay in bounds and list a problem. */
        STATS,
        /** {@code data convert}: the summary must stay in bounds, report a problem, copy nothing from outside. */
        CONVERT,
        /** An invalid config or --set: only a clean error is right. */
        CONFIG_INVALID,
        /** {@code config show} of valid but ambiguous strings: the printed YAML must reload to {@code expectClasses}. */
        CONFIG_ROUNDTRIP,
        /** {@code eval --gt --detections} of a broken file: only a clean error is right. */
        EVAL_INVALID
    }

    static FuzzCase stats(String family, String name, List<String> args, int maxImages, int maxBoxes) {
        return new FuzzCase(family, name, args, Kind.STATS, maxImages, maxBoxes, Set.of("thing"), null, null);
    }

    static FuzzCase convert(String family, String name, List<String> args, int maxImages, int maxBoxes, Path out) {
        return new FuzzCase(family, name, args, Kind.CONVERT, maxImages, maxBoxes, Set.of("thing"), out, null);
    }

    static FuzzCase invalid(String family, String name, Kind kind, List<String> args) {
        return new FuzzCase(family, name, args, kind, 0, 0, Set.of(), null, null);
    }

    static FuzzCase roundTrip(String name, List<String> args, List<String> classes) {
        return new FuzzCase("yaml", name, args, Kind.CONFIG_ROUNDTRIP, 0, 0, Set.of(), null, classes);
    }
}
