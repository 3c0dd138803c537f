package dev.retinaj.fuzz;

import dev.retinaj.fuzz.FuzzCase.Kind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * {@code data convert} given an unknown format or an input it cannot read (cut, empty or random
 * annotation files, a folder where the file goes, a missing input, a missing VOC split list, broken
 * YOLO data.yaml): each must be one line naming the option or the file, a non-zero exit, and no data
 * set written, never an empty data set and exit 0.
 */
final class FuzzConvertCases {
    private final FuzzWorkspace ws;
    private final Random rnd;
    final List<FuzzCase> cases = new ArrayList<>();

    FuzzConvertCases(FuzzWorkspace ws, long seed) {
        this.ws = ws;
        this.rnd = new Random(seed);
    }

    List<FuzzCase> all() {
        Path valid = ws.dir();
        new FuzzSets.Coco().writeTo(valid);
        add("--from pascal", "--from", "pascal", valid, "coco");
        add("--to pascal", "--to", "coco", valid, "pascal");
        String json = new FuzzSets.Coco().json();
        coco("COCO JSON cut", json.substring(0, 1 + rnd.nextInt(json.length() - 2)).getBytes());
        coco("empty COCO JSON", new byte[0]);
        byte[] noise = new byte[200];
        rnd.nextBytes(noise);
        coco("random bytes as COCO JSON", noise);
        coco("COCO JSON a list", "[]".getBytes());
        Path folder = ws.dir();
        Path asDir = folder.resolve("annotations/instances_val.json");
        FuzzSets.write(asDir.resolve("x"), "x");
        add("a folder named instances_val.json", asDir.toString(), "coco", folder, "yolo");
        Path missing = ws.dir().resolve("nosuch");
        add("--in missing", missing.toString(), "coco", missing, "yolo");
        Path year = FuzzSets.voc(ws.dir().resolve("VOC2007"), List.of("a", "b"));
        Path split = year.resolve("ImageSets/Main/val.txt");
        split.toFile().delete();
        add("VOC split list missing", split.toString(), "voc", year, "coco", "--split", "val");
        yolo("data.yaml unclosed list", "path: .\nval: [images/val\nnames: [thing]\n");
        yolo("data.yaml a list", "- a\n- b\n");
        return cases;
    }

    private void coco(String name, byte[] bytes) {
        Path d = ws.dir();
        new FuzzSets.Coco().writeTo(d);
        Path json = FuzzSets.write(d.resolve("annotations/instances_val.json"), bytes);
        add(name, json.toString(), "coco", d, rnd.nextBoolean() ? "yolo" : "voc");
    }

    private void yolo(String name, String yaml) {
        Path y = FuzzSets.yolo(ws.dir(), yaml);
        add(name, y.toString(), "yolo", y, rnd.nextBoolean() ? "coco" : "voc");
    }

    private void add(String name, String named, String from, Path in, String to, String... extra) {
        Path out = in.resolveSibling(in.getFileName() + "-out");
        List<String> args = new ArrayList<>(List.of("data", "convert", "--from", from, "--in", in.toString(), "--to", to,
                "--out", out.toString()));
        args.addAll(Arrays.asList(extra));
        cases.add(FuzzCase.run(Family.CONVERT_INPUT, name, Kind.CONVERT_INVALID, args, out, 0, named));
    }
}
