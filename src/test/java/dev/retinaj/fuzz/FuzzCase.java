package dev.retinaj.fuzz;

import dev.retinaj.cli.CliRunner;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One generated input and what a correct result looks like. Every case holds a defect, so exit 0 is
 * only right when the defect is reported (a counted skip) and the result stays within bounds: at most
 * {@code maxImages} images and {@code maxBoxes} boxes, only {@code classes}, nothing from outside.
 * {@code named} (if not null) is what the error line or the skip must name (the file or the key);
 * {@code action} (if not null) runs the case instead of the in-process CLI of {@code args}.
 */
record FuzzCase(Family family, String name, List<String> args, Kind kind, int maxImages, int maxBoxes,
                Set<String> classes, Path out, List<String> expectClasses, String named, Supplier<CliRunner.Result> action) {

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
        EVAL_INVALID,
        /** {@code train} with a bad sample under {@code skip}: exit 0, the skip counted and named in result.json. */
        TRAIN_SKIP,
        /** {@code predict} with a bad input image under {@code skip}: exit 0, the skip counted and named in its summary. */
        PREDICT_SKIP,
        /** {@code train} or {@code predict} that must stop (fail policy, bad config, bad weights): a clean error. */
        RUN_INVALID,
        /** {@code data convert} of an unreadable input or with a bad option: a clean error, and no data set written. */
        CONVERT_INVALID,
        /** An unwritable or full disk: a clean error, and no checkpoint .tmp left behind. */
        DISK,
        /** A training run whose curves.png cannot be written: it finishes, with a WARN line naming the plot. */
        PLOT_WARN,
        /** SIGINT to a real training process: exit 130, no crash, the resume line, the step's checkpoint. */
        INTERRUPT
    }

    /** Runs the case: its action, or the real CLI in-process. */
    CliRunner.Result run() {
        return action != null ? action.get() : CliRunner.run(args.toArray(String[]::new));
    }

    static FuzzCase stats(Family family, String name, List<String> args, int maxImages, int maxBoxes) {
        return new FuzzCase(family, name, args, Kind.STATS, maxImages, maxBoxes, Set.of("thing"), null, null, null, null);
    }

    static FuzzCase convert(Family family, String name, List<String> args, int maxImages, int maxBoxes, Path out) {
        return new FuzzCase(family, name, args, Kind.CONVERT, maxImages, maxBoxes, Set.of("thing"), out, null, null, null);
    }

    static FuzzCase invalid(Family family, String name, Kind kind, List<String> args) {
        return new FuzzCase(family, name, args, kind, 0, 0, Set.of(), null, null, null, null);
    }

    static FuzzCase roundTrip(String name, List<String> args, List<String> classes) {
        return new FuzzCase(Family.YAML_ROUND_TRIP, name, args, Kind.CONFIG_ROUNDTRIP, 0, 0, Set.of(), null, classes, null, null);
    }

    /** A train, predict, disk or interrupt case: {@code out} is its run or output folder, {@code maxImages} what may be used. */
    static FuzzCase run(Family family, String name, Kind kind, List<String> args, Path out, int maxImages, String named) {
        return new FuzzCase(family, name, args, kind, maxImages, 0, Set.of(), out, null, named, null);
    }

    /** The same case, whose error line or listed problem must name {@code what}. */
    FuzzCase naming(String what) {
        return new FuzzCase(family, name, args, kind, maxImages, maxBoxes, classes, out, expectClasses, what, action);
    }

    /** The same case run by {@code action} instead of the CLI. */
    FuzzCase by(Supplier<CliRunner.Result> how) {
        return new FuzzCase(family, name, args, kind, maxImages, maxBoxes, classes, out, expectClasses, named, how);
    }
}
