package dev.retinaj.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * COCO mutations: path escapes, ids that are not whole numbers, duplicate keys, empty or repeated
 * names, non-finite boxes, truncated images. Each becomes a {@code data stats} case, and many also a
 * {@code data convert} case (to yolo or voc, copying or linking).
 */
final class FuzzCocoCases {
    private final FuzzWorkspace ws;
    private final Random rnd;
    final List<FuzzCase> cases = new ArrayList<>();

    FuzzCocoCases(FuzzWorkspace ws, long seed) {
        this.ws = ws;
        this.rnd = new Random(seed);
    }

    private static final String ANN3 = "{\"id\":3,\"image_id\":1,\"category_id\":1,\"bbox\":[20,10,8,8]}";

    List<FuzzCase> all() {
        escapes();
        ids();
        duplicateKeys();
        names();
        nonFinite();
        truncated();
        return cases;
    }

    private void add(Family family, String name, Consumer<FuzzSets.Coco> mutate, Consumer<Path> files,
                     int maxImages, int maxBoxes, boolean convert) {
        Path d = ws.dir();
        FuzzSets.Coco c = new FuzzSets.Coco();
        mutate.accept(c);
        Path json = c.writeTo(d);
        files.accept(d);
        cases.add(FuzzCase.stats(family, "coco " + name, List.of("data", "stats", "--format", "coco", "--root",
                json.toString(), "--json"), maxImages, maxBoxes));
        if (convert) {
            Path out = d.resolve("out");
            List<String> args = new ArrayList<>(List.of("data", "convert", "--from", "coco", "--in", d.toString(),
                    "--to", rnd.nextBoolean() ? "yolo" : "voc", "--out", out.toString()));
            if (rnd.nextBoolean()) {
                args.add("--link");
            }
            cases.add(FuzzCase.convert(family, "coco convert " + name, args, maxImages, maxBoxes, out));
        }
    }

    private static Consumer<Path> none() {
        return d -> { };
    }

    private void escapes() {
        Path secret = ws.secret();
        Path real = ws.real();
        List<String> names = new ArrayList<>(List.of("../../outside/secret.jpg", "../../outside/real.jpg",
                "../../../../../../../../etc/passwd", secret.toString(), real.toString(), "./../../outside/real.jpg",
                "x/../../../outside/real.jpg", "/etc/passwd", "val/../../../outside/real.jpg", "../../outside/"));
        for (int i = 0; i < 4; i++) {
            names.add("../".repeat(2 + rnd.nextInt(6)) + "outside/real.jpg");
        }
        for (String n : names) {
            add(Family.PATH_ESCAPE, "file_name " + n, c -> image3(c, "\"" + n + "\""), none(), 2, 2, true);
        }
        add(Family.PATH_ESCAPE, "symlinked image", c -> image3(c, "\"link.jpg\""), d -> link(d.resolve("val/link.jpg"), real), 2, 2, true);
        add(Family.PATH_ESCAPE, "symlinked folder", c -> image3(c, "\"ld/real.jpg\""), d -> link(d.resolve("val/ld"), real.getParent()),
                2, 2, true);
        add(Family.PATH_ESCAPE, "symlinked annotations", c -> { }, d -> link(d.resolve("val/b.jpg"), real), 1, 1, true);
    }

    static void link(Path at, Path target) {
        try {
            Files.deleteIfExists(at);
            Files.createSymbolicLink(at, target.toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A third image (id 3, the given file_name) with a box of its own. */
    private static void image3(FuzzSets.Coco c, String fileName) {
        c.images.add("{\"id\":3,\"file_name\":" + fileName + ",\"width\":40,\"height\":30}");
        c.annotations.add("{\"id\":3,\"image_id\":3,\"category_id\":1,\"bbox\":[2,2,10,10]}");
    }

    private void ids() {
        for (String id : List.of("41.9", "\"3\"", "-0.5", "1e400", "true", "null", "[3]", "{}", "3.0000001",
                "9007199254740993.5", "2.5e-1")) {
            add(Family.BAD_ID, "image id " + id, c -> {
                c.images.add("{\"id\":" + id + ",\"file_name\":\"a.jpg\",\"width\":40,\"height\":30}");
                c.annotations.add("{\"id\":3,\"image_id\":" + id + ",\"category_id\":1,\"bbox\":[2,2,10,10]}");
            }, none(), 2, 2, rnd.nextInt(3) == 0);
        }
        for (String id : List.of("1.5", "\"1\"", "1.0000001", "true", "null", "-1", "99", "1e20", "[1]")) {
            add(Family.BAD_ID, "category_id " + id, c -> c.annotations.add(ANN3.replace("\"category_id\":1", "\"category_id\":" + id)),
                    none(), 2, 2, false);
            add(Family.BAD_ID, "image_id " + id, c -> c.annotations.add(ANN3.replace("\"image_id\":1", "\"image_id\":" + id)),
                    none(), 2, 2, false);
        }
        for (String v : List.of("3.5", "\"3\"", "1e999")) {
            add(Family.BAD_ID, "annotation id " + v, c -> c.annotations.add(ANN3.replace("\"id\":3", "\"id\":" + v)), none(), 2, 2, false);
        }
        for (String w : List.of("\"40\"", "-40", "1e10", "40.5", "true")) {
            add(Family.BAD_ID, "width " + w, c -> c.images.add("{\"id\":3,\"file_name\":\"a.jpg\",\"width\":" + w + ",\"height\":30}"),
                    none(), 2, 2, false);
        }
    }

    private void duplicateKeys() {
        for (String key : List.of("images", "annotations", "categories")) {
            add(Family.DUPLICATE_KEY, "top-level " + key, c -> c.extraTopLevel = ",\"" + key + "\":[]", none(), 2, 2, true);
        }
        add(Family.DUPLICATE_KEY, "image id", c -> c.images.add("{\"id\":3,\"id\":4,\"file_name\":\"a.jpg\"}"), none(), 2, 2, false);
        add(Family.DUPLICATE_KEY, "file_name", c -> c.images.add("{\"id\":3,\"file_name\":\"a.jpg\",\"file_name\":\"b.jpg\"}"),
                none(), 2, 2, false);
        add(Family.DUPLICATE_KEY, "bbox", c -> c.annotations.add(ANN3.replace("\"bbox\"", "\"bbox\":[1,1,3,3],\"bbox\"")),
                none(), 2, 2, false);
        add(Family.DUPLICATE_KEY, "category name", c -> c.categories.set(0, "{\"id\":1,\"name\":\"thing\",\"name\":\"other\"}"),
                none(), 2, 2, true);
    }

    private void names() {
        for (String n : List.of("\"\"", "\"  \"", "\"thing\"", "null", "3", "\"\\t\"", "[\"x\"]")) {
            add(Family.EMPTY_OR_REPEATED_NAME, "category name " + n, c -> {
                c.categories.add("{\"id\":2,\"name\":" + n + "}");
                c.annotations.add(ANN3.replace("\"category_id\":1", "\"category_id\":2"));
            }, none(), 2, 2, rnd.nextBoolean());
        }
        add(Family.EMPTY_OR_REPEATED_NAME, "no name", c -> c.categories.add("{\"id\":2}"), none(), 2, 2, false);
        add(Family.EMPTY_OR_REPEATED_NAME, "only class empty", c -> c.categories.set(0, "{\"id\":1,\"name\":\"\"}"), none(), 2, 2, false);
    }

    private void nonFinite() {
        List<String> boxes = new ArrayList<>(Arrays.asList("[1e999,1,5,5]", "[1,1,-1e999,5]", "[1,1,1e999,5]",
                "[3e38,1,3e38,5]", "[\"NaN\",1,5,5]", "[1,1,5]", "[1,1,5,5,5]", "null", "[null,1,5,5]", "[1,1,0,5]",
                "[1,1,-5,5]", "\"1,1,5,5\"", "[1,1,\"Infinity\",5]", "{}"));
        for (int i = 0; i < 4; i++) {
            boxes.add("[" + (rnd.nextBoolean() ? "-" : "") + "1e" + (309 + rnd.nextInt(200)) + ",1,5,5]");
        }
        for (String b : boxes) {
            add(Family.NON_FINITE_NUMBER, "bbox " + b, c -> c.annotations.add(ANN3.replace("[20,10,8,8]", b)), none(), 2, 2,
                    rnd.nextInt(4) == 0);
        }
    }

    private void truncated() {
        byte[] full = ws.bigJpeg();
        List<byte[]> variants = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            variants.add(Arrays.copyOf(full, (int) (full.length * (0.05 + 0.9 * rnd.nextDouble()))));
        }
        variants.add(Arrays.copyOf(full, full.length - 2));
        variants.add(new byte[0]);
        byte[] noise = new byte[300];
        rnd.nextBytes(noise);
        variants.add(noise);
        variants.add(FuzzSets.SECRET.getBytes());
        byte[] png = FuzzSets.jpeg(40, 30, "png");
        variants.add(Arrays.copyOf(png, png.length / 2));
        for (int i = 0; i < variants.size(); i++) {
            byte[] v = variants.get(i);
            add(Family.TRUNCATED_IMAGE, "b.jpg variant " + i + " (" + v.length + " bytes)", c -> { },
                    d -> FuzzSets.write(d.resolve("val/b.jpg"), v), 1, 1, i % 3 == 0);
        }
    }
}
