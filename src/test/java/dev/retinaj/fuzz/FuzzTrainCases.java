package dev.retinaj.fuzz;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.retinaj.fuzz.FuzzCase.Kind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;

/**
 * Tiny in-process training runs on a broken copy of the shapes set: truncated, empty and corrupt
 * images, a file_name leading out of the data root, huge or non-finite boxes, under
 * {@code data.on_bad_sample} skip (the run finishes and result.json counts and names the skip) and
 * fail (one line naming the file); and invalid values (data.std, NaN thresholds) that must stop it.
 */
final class FuzzTrainCases {
    private static final Family FAMILY = Family.TRAIN;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final FuzzWorkspace ws;
    private final FuzzRuns runs;
    private final Random rnd;
    final List<FuzzCase> cases = new ArrayList<>();

    FuzzTrainCases(FuzzWorkspace ws, FuzzRuns runs, long seed) {
        this.ws = ws;
        this.runs = runs;
        this.rnd = new Random(seed);
    }

    List<FuzzCase> all() {
        broken("truncated JPEG", "skip", BrokenImages::truncate);
        broken("truncated JPEG", "fail", BrokenImages::truncate);
        broken("zero-byte JPEG", "skip", (f, r) -> BrokenImages.empty(f));
        broken("truncated PNG", "skip", (f, r) -> {
            Path png = BrokenImages.truncatedPng(f, r);
            editCoco(f.getParent().getParent(), c -> renamed(c, f, png));
            return png;
        });
        broken("corrupt JPEG (ends intact)", "fail", BrokenImages::corruptInside);
        escape();
        box("huge box", "skip", "[1e30, 2, 1e38, 10]");
        box("non-finite box", "fail", "[2, 2, 1e999, 10]");
        invalid("data.std 0", "data.std", "data.std=[0.2,0,0.2]");
        invalid("data.std negative", "data.std", "data.std=[0.2,0.2,-0.2]");
        invalid("NaN score threshold", "test.score_thresh", "test.score_thresh=.nan");
        invalid("NaN fg_iou", "assigner.fg_iou", "assigner.fg_iou=NaN");
        Path cfg = FuzzSets.write(ws.dir().resolve("nan.yaml"), "_base_: " + Path.of(FuzzRuns.CONFIG).toAbsolutePath()
                + "\ntest:\n  nms_thresh: .nan\n");
        cases.add(FuzzCase.run(FAMILY, "NaN nms_thresh in a config file", Kind.RUN_INVALID,
                FuzzRuns.withSets(new ArrayList<>(List.of("train", "-c", cfg.toString(), "--out",
                        ws.dir().resolve("run").toString())), FuzzRuns.sets(runs.shapes())), null, 0, cfg.toString()));
        return cases;
    }

    /** One image of a copy of the set broken by {@code how} (which returns the bad file), under {@code policy}. */
    private void broken(String what, String policy, BiFunction<Path, Random, Path> how) {
        Path dir = ws.dir();
        Path data = runs.copy(dir);
        Path bad = how.apply(data.resolve(String.format("train/%06d.jpg", 1 + rnd.nextInt(8))), rnd);
        add(what + ", " + policy, policy, dir, data, bad.toString());
    }

    private void add(String name, String policy, Path dir, Path data, String named) {
        Path out = dir.resolve("run");
        cases.add(FuzzCase.run(FAMILY, name, policy.equals("skip") ? Kind.TRAIN_SKIP : Kind.RUN_INVALID,
                FuzzRuns.train(data, out, "data.on_bad_sample=" + policy), out, 8, named));
    }

    private void escape() {
        Path dir = ws.dir();
        Path data = runs.copy(dir);
        // from data/train/: up to the case folder, the workspace, then outside/
        String escaping = "../../../outside/real.jpg";
        int k = rnd.nextInt(8);
        editCoco(data, c -> ((ObjectNode) c.withArray("images").get(k)).put("file_name", escaping));
        Path out = dir.resolve("run");
        cases.add(FuzzCase.run(FAMILY, "file_name leading outside the root, skip", Kind.TRAIN_SKIP,
                FuzzRuns.train(data, out), out, 7, escaping));
    }

    private void box(String what, String policy, String bbox) {
        Path dir = ws.dir();
        Path data = runs.copy(dir);
        int k = rnd.nextInt(20);
        Path json = data.resolve("annotations/instances_train.json");
        try {
            String text = java.nio.file.Files.readString(json);
            ObjectNode c = (ObjectNode) JSON.readTree(text);
            ArrayNode anns = c.withArray("annotations");
            ((ObjectNode) anns.get(k % anns.size())).put("bbox", "BBOX");
            FuzzSets.write(json, JSON.writeValueAsString(c).replace("\"BBOX\"", bbox)); // 1e999 has no JSON tree form
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        add(what + ", " + policy, policy, dir, data, json.toString());
    }

    private void invalid(String name, String key, String set) {
        Path out = ws.dir().resolve("run");
        cases.add(FuzzCase.run(FAMILY, name, Kind.RUN_INVALID, FuzzRuns.train(runs.shapes(), out, set), out, 0, key));
    }

    private static void renamed(ObjectNode coco, Path from, Path to) {
        for (var img : coco.withArray("images")) {
            if (img.get("file_name").asText().equals(from.getFileName().toString())) {
                ((ObjectNode) img).put("file_name", to.getFileName().toString());
            }
        }
    }

    private static void editCoco(Path data, java.util.function.Consumer<ObjectNode> edit) {
        Path json = data.resolve("annotations/instances_train.json");
        try {
            ObjectNode c = (ObjectNode) JSON.readTree(json.toFile());
            edit.accept(c);
            JSON.writeValue(json.toFile(), c);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
