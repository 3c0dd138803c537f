package dev.retinaj.config;

import dev.retinaj.TestFiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return TestFiles.write(dir, name, text);
    }

    @Test
    void defaultsAreThePapers() {
        RetinaConfig c = ConfigLoader.load(null, List.of());
        assertEquals(Alpha.of(0.25), c.loss().cls().alpha());
        assertEquals(2.0, c.loss().cls().gamma());
        assertEquals(0.5, c.assigner().fgIou());
        assertEquals(0.4, c.assigner().bgIou());
        assertEquals(0.01, c.model().head().priorProb());
        assertEquals(0.05, c.test().scoreThresh());
        assertEquals(1000, c.test().topkPerLevel());
        assertEquals(0.5, c.test().nmsThresh());
        assertEquals(100, c.test().maxDets());
        assertEquals(0.01, c.train().lr());
        assertEquals(0.9, c.train().momentum());
        assertEquals(1e-4, c.train().weightDecay());
        assertEquals(9, c.model().anchors().perLocation());
        assertEquals(List.of(32.0, 32 * Math.pow(2, 1 / 3.0), 32 * Math.pow(2, 2 / 3.0)),
                c.model().anchors().sizesOfLevel(0));
    }

    @Test
    void basesMergeInOrderRelativeToTheIncludingFileAndLaterWins() throws IOException {
        write("base/a.yaml", "train: {lr: 0.1, max_iters: 10}\nmodel: {head: {num_convs: 2}}\n");
        write("base/b.yaml", "_base_: [a2.yaml]\ntrain: {lr: 0.2}\n");
        write("base/a2.yaml", "train: {batch_size: 3, lr: 0.15}\n");
        Path top = write("exp/top.yaml", "_base_: [../base/a.yaml, ../base/b.yaml]\ntrain: {max_iters: 30}\n");
        RetinaConfig c = ConfigLoader.load(top, List.of());
        assertEquals(0.2, c.train().lr());          // b beats a and a2
        assertEquals(30, c.train().maxIters());     // the file beats its bases
        assertEquals(3, c.train().batchSize());     // from a2 through b
        assertEquals(2, c.model().head().numConvs()); // untouched by later files
        assertEquals(256, c.model().head().channels()); // default kept in a merged section
    }

    @Test
    void overridesAreTypedAndWinOverFiles() throws IOException {
        Path top = write("t.yaml", "train: {lr: 0.1}\n");
        RetinaConfig c = ConfigLoader.load(top, List.of("train.lr=0.02", "data.min_size=[640, 672]",
                "assigner.low_quality_matches=false", "loss.cls.alpha=auto", "model.weights=w.safetensors",
                "loss.cls.gamma_schedule=[{iter: 10, gamma: 1}, {iter: 20, gamma: 3}]", "seed=7"));
        assertEquals(0.02, c.train().lr());
        assertEquals(List.of(640, 672), c.data().minSize());
        assertEquals(false, c.assigner().lowQualityMatches());
        assertEquals(Alpha.Kind.AUTO, c.loss().cls().alpha().kind());
        assertEquals(Path.of("w.safetensors").toAbsolutePath().toString(), c.model().weights());
        assertEquals(7L, c.seed());
        assertEquals(2.0, c.loss().cls().gammaAt(9));
        assertEquals(1.0, c.loss().cls().gammaAt(10));
        assertEquals(3.0, c.loss().cls().gammaAt(25));
    }

    @Test
    void alphaForms() {
        assertEquals(Alpha.Kind.NONE, load("loss.cls.alpha=-1").loss().cls().alpha().kind());
        Alpha v = load("loss.cls.alpha=[0.1, 0.3, 0.6]").loss().cls().alpha();
        assertEquals(List.of(0.1, 0.3, 0.6), v.perClass());
        assertMessage("--set loss.cls.alpha: loss.cls.alpha: must be in [0, 1], negative (off) or auto, got 2.0",
                "loss.cls.alpha=2");
    }

    @Test
    void unknownKeyNamesKeyFileAndNearestKey() throws IOException {
        Path top = write("t.yaml", "model:\n  head:\n    num_conv: 3\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(top, List.of()));
        assertEquals(top + ": unknown key model.head.num_conv (did you mean model.head.num_convs?)", e.getMessage());
        assertEquals("model.head.num_conv", e.path());
    }

    @Test
    void unknownOverrideKeyNamesTheOverride() {
        assertMessage("--set model.fpn.p9: unknown key model.fpn.p9 (valid keys here: channels, p6_from)",
                "model.fpn.p9=1");
        assertMessage("--set tran.lr: unknown key tran (did you mean train?)", "tran.lr=1");
    }

    @Test
    void everyKindOfValueError() {
        assertMessage("--set train.max_iters: train.max_iters: expected a whole number, got 'many'", "train.max_iters=many");
        assertMessage("--set train.max_iters: train.max_iters: expected a whole number, got 1.5", "train.max_iters=1.5");
        assertMessage("--set train.lr: train.lr: expected a number, got 'fast'", "train.lr=fast");
        assertMessage("--set assigner.low_quality_matches: assigner.low_quality_matches: expected true or false, got 3",
                "assigner.low_quality_matches=3");
        assertMessage("--set loss.cls.type: loss.cls.type: must be one of sigmoid_focal | softmax_focal | bce | ce, "
                + "got 'focal'", "loss.cls.type=focal");
        assertMessage("--set model.head.prior_prob: model.head.prior_prob: must be in (0, 1), got 1", "model.head.prior_prob=1");
        assertMessage("--set train.batch_size: train.batch_size: must be >= 1, got 0", "train.batch_size=0");
        assertMessage("--set data.flip_prob: data.flip_prob: must be in [0, 1], got 1.5", "data.flip_prob=1.5");
        assertMessage("--set device: device: must be auto, cpu, gpu or gpu:N[,M...], got 'tpu'", "device=tpu");
        assertMessage("--set data.min_size: data.min_size: expected a list, got 800", "data.min_size=800");
        assertMessage("--set data.min_size: data.min_size[1]: expected a whole number, got 'x'", "data.min_size=[1, x]");
        assertMessage("--set train: train: expected a mapping of batch_size, max_iters, optimizer, lr, momentum, adam_beta2, "
                + "adam_eps, weight_decay, weight_decay_norm_bias, warmup, schedule, clip_grad_norm, checkpoint_period, keep_checkpoints, "
                + "eval_period, log_period, max_non_finite, ema, early_stop, tensorboard, got 5", "train=5");
        assertMessage("--set assigner.bg_iou: assigner.bg_iou: must be <= fg_iou (0.5), got 0.6", "assigner.bg_iou=0.6");
        assertMessage("--set train.lr.x: train.lr is a value, not a section", "train.lr.x=1");
        assertMessage("--set loss.cls.gamma_schedule: loss.cls.gamma_schedule: iterations must rise and start above 0, "
                + "got 5", "loss.cls.gamma_schedule=[{iter: 10, gamma: 1}, {iter: 5, gamma: 3}]");
        assertMessage("--set loss.cls.gamma_schedule: missing key loss.cls.gamma_schedule[0].gamma",
                "loss.cls.gamma_schedule=[{iter: 10}]");
        assertMessage("--set model.anchors.level_sizes: model.anchors.level_sizes: needs one list per level (5), got 1",
                "model.anchors.level_sizes=[[32, 40]]");
        assertMessage("--set lr: expected KEY=VALUE, e.g. train.lr=0.02", "lr");
    }

    @Test
    void valueErrorNamesTheFileThatSetIt() throws IOException {
        Path base = write("b.yaml", "train: {warmup: {factor: 2}}\n");
        Path top = write("t.yaml", "_base_: b.yaml\ntrain: {lr: 0.1}\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(top, List.of()));
        assertEquals(base + ": train.warmup.factor: must be in [0, 1], got 2", e.getMessage());
    }

    @Test
    void cyclesAreReported() throws IOException {
        write("a.yaml", "_base_: b.yaml\n");
        write("b.yaml", "_base_: [a.yaml]\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(dir.resolve("a.yaml"), List.of()));
        assertEquals(dir.resolve("a.yaml") + ": _base_ cycle: a.yaml -> b.yaml -> a.yaml", e.getMessage());
    }

    @Test
    void missingFileAndBadYamlAreOneLine() throws IOException {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(dir.resolve("no.yaml"), List.of()));
        assertEquals(dir.resolve("no.yaml") + ": no such config file", e.getMessage());
        Path bad = write("bad.yaml", "train:\n  lr: [1, 2\n");
        e = assertThrows(ConfigException.class, () -> ConfigLoader.load(bad, List.of()));
        assertTrue(e.getMessage().startsWith(bad + ": invalid YAML at line "), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"));
        Path dup = write("dup.yaml", "seed: 1\nseed: 2\n");
        e = assertThrows(ConfigException.class, () -> ConfigLoader.load(dup, List.of()));
        assertTrue(e.getMessage().contains("Duplicate field 'seed'"), e.getMessage());
    }

    @Test
    void typeTagsAreNeverInstantiated() throws IOException {
        Path evil = write("evil.yaml", "model:\n  weights: !!javax.script.ScriptEngineManager [!!java.net.URL [\"http://127.0.0.1/\"]]\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(evil, List.of()));
        assertTrue(e.getMessage().contains("model.weights: expected a text value, got a list"), e.getMessage());
    }

    @Test
    void writtenConfigLoadsBackToTheSameValues() throws IOException {
        RetinaConfig c = load("loss.cls.alpha=[0.1, 0.9]", "loss.cls.gamma_schedule=[{iter: 10, gamma: 1}]",
                "model.anchors.level_sizes=[[32,40,50],[64,80,101],[128,161,203],[256,322,406],[512,645,812]]",
                "data.classes=[a, b]", "eval.metric=[voc07, coco]", "device=gpu:0,1");
        Path out = dir.resolve("config.yaml");
        ConfigWriter.write(c, out);
        RetinaConfig back = ConfigLoader.load(out, List.of());
        assertEquals(c, back);
        assertEquals(ConfigWriter.toYaml(c), ConfigWriter.toYaml(back));
        for (Path p : List.of(Path.of("configs/retinanet_r50_fpn_1x_coco.yaml"),
                Path.of("configs/retinanet_r50_fpn_voc0712.yaml"), Path.of("configs/retinanet_r50_fpn_tv_v1.yaml"),
                Path.of("configs/shapes_r18_fpn_demo.yaml"))) {
            RetinaConfig shipped = ConfigLoader.load(p, List.of());
            ConfigWriter.write(shipped, out);
            assertEquals(shipped, ConfigLoader.load(out, List.of()), p.toString());
        }
    }

    private static RetinaConfig load(String... sets) {
        return ConfigLoader.load(null, List.of(sets));
    }

    private static void assertMessage(String expected, String... sets) {
        ConfigException e = assertThrows(ConfigException.class, () -> load(sets));
        assertEquals(expected, e.getMessage());
    }
}
