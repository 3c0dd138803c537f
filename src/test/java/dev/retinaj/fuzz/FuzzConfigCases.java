package dev.retinaj.fuzz;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Config and evaluation-file mutations: bad {@code --set} keys and values, broken YAML files,
 * strings that look like other YAML values (which must survive {@code config show}), and broken
 * ground-truth / detections JSON for {@code eval --gt --detections}.
 */
final class FuzzConfigCases {
    private final FuzzWorkspace ws;
    private final Random rnd;
    final List<FuzzCase> cases = new ArrayList<>();
    private Path cfg;

    FuzzConfigCases(FuzzWorkspace ws, long seed) {
        this.ws = ws;
        this.rnd = new Random(seed);
    }

    List<FuzzCase> all() {
        cfg = FuzzSets.write(ws.dir().resolve("ok.yaml"), "data:\n  format: coco\n  root: data/x\n  train: [train]\n");
        sets();
        files();
        roundTrips();
        eval();
        return cases;
    }

    private void show(String name, String... set) {
        List<String> args = new ArrayList<>(List.of("config", "show", "-c", cfg.toString()));
        for (String s : set) {
            args.add("--set");
            args.add(s);
        }
        cases.add(FuzzCase.invalid(Family.BAD_YAML_OR_SET, name, FuzzCase.Kind.CONFIG_INVALID, args));
    }

    private void sets() {
        for (String s : List.of(".=1", "train.=1", ".train=1", "a..b=1", "=1", "train", "train.lr", "train.lr=",
                "train.lr=[", "train.lr={", "train.lr=abc", "data.std=[0,0,0]", "data.std=[1,1]", "data.mean=[1e999,0,0]",
                "test.score_thresh=1.5", "test.score_thresh=-0.0001", "test.nms_thresh=2", "assigner.fg_iou=-1",
                "assigner.bg_iou=0.6", "train.max_iters=1.5", "train.max_iters=1e20", "seed=0.5", "device=tpu",
                "data.format=pascal", "data.on_bad_sample=maybe", "model.backbone.name=resnet7", "data.train=5",
                "nosuch.key=1", "train.nosuch=1", "data.allow_outside_root=maybe", "data.allow_outside_root=1",
                "train.lr.x=1", "data=5", "train.lr=!!java.io.File [x]", "train.lr=1e999", "train.clip_grad_norm=1e999",
                "loss.cls.gamma=-1e999", "data.classes=[a, b, a]", "data.classes=['']", "data.classes=[a, ' ']")) {
            show("--set " + s, s);
        }
        List<String> keys = List.of("train.lr", "test.score_thresh", "test.nms_thresh", "assigner.fg_iou", "data.flip_prob",
                "loss.cls.gamma", "train.momentum", "data.max_size", "train.batch_size", "train.clip_grad_norm", "loss.box.beta");
        List<String> values = List.of(".nan", ".NaN", ".inf", "-.inf", "1e999", "-1e999", "abc", "[1]", "{a: 1}", "true", "''");
        for (int i = 0; i < 30; i++) {
            String s = keys.get(rnd.nextInt(keys.size())) + "=" + values.get(rnd.nextInt(values.size()));
            show("--set " + s, s);
        }
    }

    private void file(String name, byte[] bytes) {
        Path f = FuzzSets.write(ws.dir().resolve("c.yaml"), bytes);
        cases.add(FuzzCase.invalid(Family.BAD_YAML_OR_SET, "file " + name, FuzzCase.Kind.CONFIG_INVALID,
                List.of("config", "show", "-c", f.toString())));
    }

    private void file(String name, String utf8) {
        file(name, utf8.getBytes(StandardCharsets.UTF_8));
    }

    private void files() {
        file("tab indent", "train:\n\tlr: 1\n");
        file("unclosed list", "data:\n  std: [1, 2\n");
        file("latin-1", "data:\n  root: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        file("duplicate key", "train:\n  lr: 1\n  lr: 2\n");
        file("java tag", "model:\n  weights: !!java.io.File [\"/etc/passwd\"]\n");
        file("top-level list", "- a\n- b\n");
        file("top-level scalar", "42\n");
        file("missing base", "_base_: nosuch.yaml\n");
        file("base not a path", "_base_: 5\n");
        file("self base", "_base_: c.yaml\n");
        file("std zero", "data:\n  std: [0, 0, 0]\n");
        file("nan threshold", "test:\n  score_thresh: .nan\n");
        file("utf-16 without BOM", "train:\n  lr: 1\n".getBytes(StandardCharsets.UTF_16LE));
        file("NUL bytes", new byte[] {'a', ':', ' ', 0, 0, '\n'});
        for (int i = 0; i < 12; i++) {
            byte[] b = new byte[20 + rnd.nextInt(200)];
            rnd.nextBytes(b);
            file("random bytes " + i, b);
        }
        for (int i = 0; i < 8; i++) {
            String valid = "train:\n  lr: 0.01\n  max_iters: 100\ndata:\n  std: [0.2, 0.2, 0.2]\n";
            int at = rnd.nextInt(valid.length());
            String junk = List.of("\t", ": :", "[", "{", "\"", "'", "\u0000", "&a *b", "%YAML 9", "!!str:")
                    .get(rnd.nextInt(10));
            file("valid file + '" + junk.replace("\u0000", "\\0") + "' at " + at,
                    (valid.substring(0, at) + junk + valid.substring(at)).getBytes(StandardCharsets.UTF_8));
        }
    }

    private void roundTrips() {
        List<String> tricky = List.of("1e3", "007", "true", "False", "yes", "No", "on", "OFF", "null", "Null", "~", "3",
                "-2.5", "+1", "0x1F", "0o17", "1_000", ".inf", "-.Inf", ".NaN", "1:2", "12:30:00", "2001-12-14",
                "#x", "- a", "[a]", "{a}", "a: b", "'q'", "\"dq\"", "&a", "*a", "!tag", "%x", "@x", "`x", "1e-7", "1E3",
                "0.", ".5", "=", "<<", "?", "|", ">");
        for (int i = 0; i < 10; i++) {
            Set<String> picked = new LinkedHashSet<>(); // class names are unique
            for (int k = 0; k < 1 + rnd.nextInt(5); k++) {
                picked.add(tricky.get(rnd.nextInt(tricky.size())));
            }
            List<String> names = List.copyOf(picked);
            List<String> quoted = names.stream().map(n -> "'" + n.replace("'", "''") + "'").toList();
            cases.add(FuzzCase.roundTrip("classes " + names, List.of("config", "show", "-c", cfg.toString(), "--set",
                    "data.classes=[" + String.join(", ", quoted) + "]"), names));
        }
        cases.add(FuzzCase.roundTrip("all tricky classes", List.of("config", "show", "-c", cfg.toString(), "--set",
                "data.classes=[" + String.join(", ", tricky.stream().map(n -> "'" + n.replace("'", "''") + "'").toList())
                        + "]"), tricky));
    }

    static final String GT = "{\"images\":[{\"id\":1,\"file_name\":\"a.jpg\",\"width\":40,\"height\":30}],"
            + "\"annotations\":[{\"id\":1,\"image_id\":1,\"category_id\":1,\"bbox\":[2,2,10,10],\"area\":100,\"iscrowd\":0}],"
            + "\"categories\":[{\"id\":1,\"name\":\"thing\"}]}";
    static final String DT = "[{\"image_id\":1,\"category_id\":1,\"bbox\":[2,2,10,10],\"score\":0.9}]";

    private void eval(String name, String gt, String dt) {
        Path d = ws.dir();
        Path g = FuzzSets.write(d.resolve("gt.json"), gt);
        Path t = FuzzSets.write(d.resolve("dt.json"), dt);
        cases.add(FuzzCase.invalid(Family.EVAL_JSON, name, FuzzCase.Kind.EVAL_INVALID,
                List.of("eval", "--gt", g.toString(), "--detections", t.toString(), "--json")));
    }

    private void eval() {
        for (int i = 0; i < 4; i++) {
            eval("gt cut " + i, GT.substring(0, 1 + rnd.nextInt(GT.length() - 2)), DT);
            eval("dt cut " + i, GT, DT.substring(0, 1 + rnd.nextInt(DT.length() - 2)));
        }
        eval("gt image id 1.5", GT.replace("\"id\":1,\"file", "\"id\":1.5,\"file"), DT);
        eval("gt image_id 1.5", GT.replace("\"image_id\":1", "\"image_id\":1.5"), DT);
        eval("gt category_id 1.5", GT.replace("\"category_id\":1", "\"category_id\":1.5"), DT);
        eval("gt bbox short", GT.replace("[2,2,10,10]", "[2,2,10]"), DT);
        eval("gt images not a list", GT.replace("\"images\":[", "\"images\":5,\"x\":["), DT);
        eval("gt top-level list", "[" + GT + "]", DT);
        eval("dt score string", GT, DT.replace("0.9", "\"NaN\""));
        eval("dt image_id 1.5", GT, DT.replace("\"image_id\":1", "\"image_id\":1.5"));
        eval("dt category_id 1.5", GT, DT.replace("\"category_id\":1", "\"category_id\":1.5"));
        eval("dt bbox short", GT, DT.replace("[2,2,10,10]", "[2,2,10]"));
        eval("dt top-level object", GT, "{\"a\":" + DT + "}");
        eval("dt missing score", GT, DT.replace(",\"score\":0.9", ""));
        eval("gt duplicate images key", GT.replace("{\"images\":", "{\"images\":[],\"images\":"), DT);
        eval("dt duplicate score key", GT, DT.replace("\"score\":0.9", "\"score\":0.1,\"score\":0.9"));
        eval("dt score 1e999", GT, DT.replace("0.9", "1e999"));
        eval("dt bbox 1e999", GT, DT.replace("[2,2,10,10]", "[1e999,2,10,10]"));
        eval("gt bbox 1e999", GT.replace("[2,2,10,10]", "[1e999,2,10,10]"), DT);
        eval("gt bbox NaN token", GT.replace("[2,2,10,10]", "[NaN,2,10,10]"), DT);
        eval("dt score NaN token", GT, DT.replace("0.9", "NaN"));
        eval("dt score leading zeros", GT, DT.replace("0.9", "00.9"));
    }
}
