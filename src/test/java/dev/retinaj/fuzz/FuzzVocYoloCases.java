package dev.retinaj.fuzz;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;

/** VOC and YOLO mutations of the same families as the COCO ones, through {@code data stats} and {@code data convert}. */
final class FuzzVocYoloCases {
    private final FuzzWorkspace ws;
    private final Random rnd;
    final List<FuzzCase> cases = new ArrayList<>();

    FuzzVocYoloCases(FuzzWorkspace ws, long seed) {
        this.ws = ws;
        this.rnd = new Random(seed);
    }

    List<FuzzCase> all() {
        voc();
        entities();
        yolo();
        return cases;
    }

    private void voc(Family family, String name, List<String> ids, Consumer<Path> files, int maxImages, int maxBoxes) {
        voc(family, name, ids, files, maxImages, maxBoxes, false, null);
    }

    /** A stats case (and a convert case if {@code convert}, else at random) whose problem names {@code named} (if not null). */
    private void voc(Family family, String name, List<String> ids, Consumer<Path> files, int maxImages, int maxBoxes,
                     boolean convert, String named) {
        Path year = FuzzSets.voc(ws.dir().resolve("VOC2007"), ids);
        files.accept(year);
        cases.add(FuzzCase.stats(family, "voc " + name, List.of("data", "stats", "--format", "voc", "--root",
                year.toString(), "--split", "val", "--json"), maxImages, maxBoxes).naming(named));
        if (rnd.nextInt(3) == 0 || convert) {
            Path out = year.resolveSibling("out");
            cases.add(FuzzCase.convert(family, "voc convert " + name, List.of("data", "convert", "--from", "voc", "--in",
                    year.toString(), "--to", rnd.nextBoolean() ? "yolo" : "coco", "--out", out.toString(), "--split", "val"),
                    maxImages, maxBoxes, out).naming(named));
        }
    }

    /**
     * c.xml declaring entities: external ones reading the secret outside the data root (in a name, a
     * file name, through an external DTD or a parameter entity) and nested or repeated ones that expand
     * to gigabytes. Each must be a problem naming c.xml (stats and convert), and the secret must appear
     * in no output: not printed, not a class, not in a converted file.
     */
    private void entities() {
        String secret = ws.secret().toUri().toString();
        Path dtd = FuzzSets.write(ws.outside().resolve("evil.dtd"), "<!ENTITY leak SYSTEM \"" + secret + "\">");
        String xxe = "<!DOCTYPE annotation [<!ENTITY leak SYSTEM \"" + secret + "\">]>";
        entity("external entity in <name>", xxe, FuzzSets.vocXml("c.jpg", "&leak;", "3", "40"));
        entity("external entity in <filename>", xxe, FuzzSets.vocXml("&leak;", "thing", "3", "40"));
        entity("external DTD", "<!DOCTYPE annotation SYSTEM \"" + dtd.toUri() + "\">",
                FuzzSets.vocXml("c.jpg", "&leak;", "3", "40"));
        entity("parameter entity", "<!DOCTYPE annotation [<!ENTITY % p SYSTEM \"" + dtd.toUri() + "\"> %p;]>",
                FuzzSets.vocXml("c.jpg", "&leak;", "3", "40"));
        StringBuilder lol = new StringBuilder("<!DOCTYPE annotation [<!ENTITY lol0 \"lol\">");
        for (int i = 1; i <= 9; i++) {
            lol.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
        }
        entity("billion laughs", lol + "]>", FuzzSets.vocXml("c.jpg", "&lol9;", "3", "40"));
        entity("quadratic blowup", "<!DOCTYPE annotation [<!ENTITY a \"" + "a".repeat(50_000) + "\">]>",
                FuzzSets.vocXml("c.jpg", "&a;".repeat(20_000), "3", "40"));
    }

    private void entity(String name, String doctype, String xml) {
        voc(Family.XML_ENTITIES, name, List.of("a", "b", "c"), y -> {
            FuzzSets.write(y.resolve("JPEGImages/c.jpg"), FuzzSets.jpeg(40, 30, "jpeg"));
            FuzzSets.write(y.resolve("Annotations/c.xml"), "<?xml version=\"1.0\"?>\n" + doctype + "\n" + xml);
        }, 2, 2, true, "c.xml");
    }

    private static Consumer<Path> xmlC(String file, String name, String xmin, String width) {
        return y -> FuzzSets.write(y.resolve("Annotations/c.xml"), FuzzSets.vocXml(file, name, xmin, width));
    }

    private void voc() {
        Path x = ws.outside().resolve("x");
        for (String id : List.of("../../../outside/x", "../../../../outside/x", x.toString(), "../Annotations/../../../outside/x",
                "/etc/passwd")) {
            voc(Family.PATH_ESCAPE, "split entry " + id, List.of("a", "b", id), y -> { }, 2, 2);
        }
        voc(Family.PATH_ESCAPE, "<filename> out", List.of("a", "b", "c"), xmlC("../../../outside/real.jpg", "thing", "3", "40"), 2, 2);
        voc(Family.PATH_ESCAPE, "<filename> absolute", List.of("a", "b", "c"), xmlC(ws.real().toString(), "thing", "3", "40"), 2, 2);
        voc(Family.PATH_ESCAPE, "symlinked image", List.of("a", "b", "c"), xmlC("c.jpg", "thing", "3", "40")
                .andThen(y -> FuzzCocoCases.link(y.resolve("JPEGImages/c.jpg"), ws.real())), 2, 2);
        voc(Family.PATH_ESCAPE, "symlinked annotation", List.of("a", "b", "c"),
                y -> FuzzCocoCases.link(y.resolve("Annotations/c.xml"), ws.outside().resolve("x.xml")), 2, 2);
        Consumer<Path> cJpg = y -> FuzzSets.write(y.resolve("JPEGImages/c.jpg"), FuzzSets.jpeg(40, 30, "jpeg"));
        for (String n : List.of("", "  ", "\t")) {
            voc(Family.EMPTY_OR_REPEATED_NAME, "<name>" + n + "</name>", List.of("a", "b", "c"), xmlC("c.jpg", n, "3", "40").andThen(cJpg), 3, 2);
        }
        for (String v : List.of("NaN", "Infinity", "-Infinity", "1e50", "abc", "", "0x10")) {
            voc(Family.NON_FINITE_NUMBER, "xmin " + v, List.of("a", "b", "c"), xmlC("c.jpg", "thing", v, "40").andThen(cJpg), 3, 2);
        }
        for (String w : List.of("1e12", "-5", "NaN", "Infinity")) {
            voc(Family.BAD_ID, "width " + w, List.of("a", "b", "c"), xmlC("c.jpg", "thing", "3", w).andThen(cJpg), 3, 2);
        }
        byte[] big = ws.bigJpeg();
        for (int i = 0; i < 3; i++) {
            byte[] cut = Arrays.copyOf(big, (int) (big.length * (0.1 + 0.8 * rnd.nextDouble())));
            voc(Family.TRUNCATED_IMAGE, "c.jpg cut to " + cut.length, List.of("a", "b", "c"), xmlC("c.jpg", "thing", "3", "40")
                    .andThen(y -> FuzzSets.write(y.resolve("JPEGImages/c.jpg"), cut)), 2, 2);
        }
        voc(Family.BAD_ID, "id listed twice", List.of("a", "b", "a"), y -> { }, 2, 2);
    }

    private void yolo(Family family, String name, String yaml, Consumer<Path> files, int maxImages, int maxBoxes,
                      Set<String> classes) {
        Path root = ws.dir();
        Path y = FuzzSets.yolo(root, yaml);
        files.accept(root);
        cases.add(new FuzzCase(family, "yolo " + name, List.of("data", "stats", "--format", "yolo", "--root", y.toString(),
                "--json"), FuzzCase.Kind.STATS, maxImages, maxBoxes, classes, null, null, null, null));
        if (rnd.nextInt(3) == 0) {
            Path out = root.resolve("out");
            cases.add(new FuzzCase(family, "yolo convert " + name, List.of("data", "convert", "--from", "yolo", "--in",
                    y.toString(), "--to", rnd.nextBoolean() ? "voc" : "coco", "--out", out.toString()),
                    FuzzCase.Kind.CONVERT, maxImages, maxBoxes, classes, out, null, null, null));
        }
    }

    private void yolo(Family family, String name, String yaml, Consumer<Path> files, int maxImages, int maxBoxes) {
        yolo(family, name, yaml, files, maxImages, maxBoxes, Set.of("thing"));
    }

    private void yolo() {
        String out = ws.outside().toString();
        for (String yaml : List.of("path: ../outside\nval: .\nnames: [thing]\n", "path: " + out + "\nval: .\nnames: [thing]\n",
                "path: .\nval: ../outside\nnames: [thing]\n", "path: .\nval: " + out + "\nnames: [thing]\n",
                "path: .\nval: [images/val, ../outside]\nnames: [thing]\n", "path: .\nval: images/val\nval: ../outside\nnames: [thing]\n")) {
            yolo(Family.PATH_ESCAPE, "data.yaml " + yaml.replace("\n", "; "), yaml, r -> { },
                    yaml.contains("[images/val") ? 2 : 0, yaml.contains("[images/val") ? 2 : 0);
        }
        for (String line : List.of("../outside/real.jpg", ws.real().toString(), "./../outside/real.jpg",
                "images/../../outside/real.jpg", "/etc/passwd")) {
            yolo(Family.PATH_ESCAPE, "list entry " + line, "path: .\nval: list.txt\nnames: [thing]\n",
                    r -> FuzzSets.write(r.resolve("list.txt"), "images/val/a.jpg\n" + line + "\n"), 1, 1);
        }
        yolo(Family.PATH_ESCAPE, "symlinked image", null, r -> FuzzCocoCases.link(r.resolve("images/val/c.jpg"), ws.real()), 2, 2);
        yolo(Family.PATH_ESCAPE, "symlinked label", null, r -> FuzzCocoCases.link(r.resolve("labels/val/a.txt"),
                ws.outside().resolve("labels.txt")), 1, 1);
        yolo(Family.EMPTY_OR_REPEATED_NAME, "names [thing, thing]", "path: .\nval: images/val\nnames: [thing, thing]\n",
                r -> FuzzSets.write(r.resolve("labels/val/b.txt"), "1 0.2 0.2 0.25 0.3333\n"), 2, 1);
        // the class slot stays (labels are indices), empty and with no boxes; the problem is listed
        yolo(Family.EMPTY_OR_REPEATED_NAME, "names ['', thing]", "path: .\nval: images/val\nnames: ['', thing]\n",
                r -> { }, 2, 0, Set.of("", "thing"));
        for (String l : List.of("0 NaN 0.5 0.1 0.1", "0 Infinity 0.5 0.1 0.1", "0 0.5 0.5 1e50 0.1", "0.5 0.5 0.5 0.1 0.1",
                "-1 0.5 0.5 0.1 0.1", "0 0.5 0.5 0.1", "0 nan 0.5 0.1 0.1", "1e40 0.5 0.5 0.1 0.1", "0 -Infinity 0.5 0.1 0.1")) {
            yolo(Family.NON_FINITE_NUMBER, "label '" + l + "'", null, r -> FuzzSets.write(r.resolve("labels/val/b.txt"), l + "\n"), 2, 1);
        }
        byte[] big = ws.bigJpeg();
        for (int i = 0; i < 3; i++) {
            byte[] cut = Arrays.copyOf(big, (int) (big.length * (0.1 + 0.8 * rnd.nextDouble())));
            yolo(Family.TRUNCATED_IMAGE, "b.jpg cut to " + cut.length, null, r -> FuzzSets.write(r.resolve("images/val/b.jpg"), cut), 1, 1);
        }
    }
}
