package dev.retinaj.fuzz;

import dev.retinaj.checkpoint.CheckpointStore;
import dev.retinaj.fuzz.FuzzCase.Kind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.stream.Stream;

/**
 * {@code predict} with a finished tiny run: an input folder holding one good image and one broken
 * (truncated, empty, corrupt, not an image) under skip (counted and named in the summary) and fail;
 * a folder of only bad images; --score NaN or outside [0, 1]; a run directory without weights and
 * --weights that are not this model's weights.
 */
final class FuzzPredictCases {
    private static final Family FAMILY = Family.PREDICT;
    private final FuzzWorkspace ws;
    private final FuzzRuns runs;
    private final Random rnd;
    final List<FuzzCase> cases = new ArrayList<>();

    FuzzPredictCases(FuzzWorkspace ws, FuzzRuns runs, long seed) {
        this.ws = ws;
        this.runs = runs;
        this.rnd = new Random(seed);
    }

    List<FuzzCase> all() {
        input("truncated JPEG", "b.jpg", BrokenImages::truncate, "skip");
        input("truncated JPEG", "b.jpg", BrokenImages::truncate, "fail");
        input("zero-byte JPEG", "b.jpg", (f, r) -> BrokenImages.empty(f), "skip");
        input("text named .png", "b.png", (f, r) -> FuzzSets.write(f, "not an image\n"), "skip");
        input("random bytes named .jpg", "b.jpg", BrokenImages::noise, "skip");
        input("corrupt JPEG (ends intact)", "b.jpg", BrokenImages::corruptInside, "skip");
        input("corrupt JPEG (ends intact)", "b.jpg", BrokenImages::corruptInside, "fail");
        input("truncated PNG", "b.jpg", BrokenImages::truncatedPng, "skip");
        onlyBad();
        for (String s : List.of("NaN", "1.5", "-0.1", "Infinity", "-Infinity", "1e999")) {
            cases.add(invalid("--score " + s, "--score", runArgs(ws.dir().resolve("out"), "--score", s)));
        }
        weights();
        return cases;
    }

    /** Predict of the trained run on a folder with one good image into {@code out}, then {@code extra}. */
    private List<String> runArgs(Path out, String... extra) {
        List<String> a = new ArrayList<>(List.of("predict", runs.trained().toString(), "--input", good(ws.dir()).toString(),
                "--out", out.toString()));
        a.addAll(Arrays.asList(extra));
        return a;
    }

    /** A folder holding one valid image, a.jpg. */
    private Path good(Path dir) {
        Path in = dir.resolve("in");
        try (Stream<Path> s = Files.list(runs.shapes().resolve("val"))) {
            Path src = s.sorted().toList().get(rnd.nextInt(2));
            FuzzSets.write(in.resolve("a.jpg"), Files.readAllBytes(src));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return in;
    }

    private void input(String what, String file, BiFunction<Path, Random, Path> how, String policy) {
        Path dir = ws.dir();
        Path in = good(dir);
        Path bad = in.resolve(file);
        try {
            Files.copy(in.resolve("a.jpg"), bad);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        bad = how.apply(bad, rnd);
        Path out = dir.resolve("out");
        List<String> args = new ArrayList<>(List.of("predict", runs.trained().toString(), "--input", in.toString(),
                "--out", out.toString(), "--score", "0", "--set", "data.on_bad_sample=" + policy));
        cases.add(FuzzCase.run(FAMILY, what + ", " + policy, policy.equals("skip") ? Kind.PREDICT_SKIP : Kind.RUN_INVALID,
                args, out, 1, bad.toString()));
    }

    private void onlyBad() {
        Path dir = ws.dir();
        Path in = dir.resolve("bad");
        BrokenImages.empty(in.resolve("x.jpg"));
        BrokenImages.noise(in.resolve("y.png"), rnd);
        cases.add(invalid("only bad images, skip", in.toString(), List.of("predict", runs.trained().toString(),
                "--input", in.toString(), "--out", dir.resolve("out").toString())));
    }

    private void weights() {
        Path trained = runs.trained();
        Path ckpt;
        try {
            ckpt = new CheckpointStore(trained.resolve("checkpoints"), 3).latest().orElseThrow();
            Path noWeights = ws.dir().resolve("noweights");
            Files.createDirectories(noWeights);
            Files.copy(trained.resolve("config.yaml"), noWeights.resolve("config.yaml"));
            cases.add(invalid("run directory without weights", "RUN_DIR " + noWeights, predict(noWeights.toString())));
            Path model = ckpt.resolve(CheckpointStore.MODEL);
            byte[] b = Files.readAllBytes(model);
            Path cut = FuzzSets.write(ws.dir().resolve("cut.safetensors"), Arrays.copyOf(b, b.length / 2 + rnd.nextInt(b.length / 3)));
            weightsFile("truncated model.safetensors", cut);
            weightsFile("random bytes as weights", BrokenImages.noise(ws.dir().resolve("w.safetensors"), rnd));
            weightsFile("a JPEG as weights", good(ws.dir()).resolve("a.jpg"));
            weightsFile("optimizer state as weights", ckpt.resolve(CheckpointStore.OPTIMIZER));
            weightsFile("the config as weights", trained.resolve("config.yaml"));
            List<String> other = predict(null); // 32 FPN channels: not the tiny run's model
            other.addAll(List.of("-c", trained.resolve("config.yaml").toString(), "--weights", model.toString(), "--set",
                    "model.fpn.channels=32"));
            cases.add(invalid("weights of another model", model.toString(), other));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code --weights W} with the run's own config (the tiny model). */
    private void weightsFile(String name, Path w) {
        List<String> a = predict(null);
        a.addAll(List.of("-c", runs.trained().resolve("config.yaml").toString(), "--weights", w.toString()));
        cases.add(invalid(name, w.toString(), a));
    }

    private List<String> predict(String runDir) {
        List<String> a = new ArrayList<>(List.of("predict"));
        if (runDir != null) {
            a.add(runDir);
        }
        a.addAll(List.of("--input", good(ws.dir()).toString(), "--out", ws.dir().resolve("out").toString()));
        return a;
    }

    private static FuzzCase invalid(String name, String named, List<String> args) {
        return FuzzCase.run(FAMILY, name, Kind.RUN_INVALID, args, null, 0, named);
    }
}
