package dev.retinaj.config;

import dev.retinaj.TestFiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Relative path values: against the folder of the file that writes them ({@code _base_} files
 * included), against the working directory for {@code --set}; absolute once loaded, so a run's
 * config.yaml reads back to the same paths from anywhere.
 */
class ConfigPathsTest {
    @TempDir
    Path dir;

    /** The JVM's working directory: what a --set path is relative to. */
    private static final Path CWD = Path.of("").toAbsolutePath();

    private Path write(String name, String text) throws IOException {
        return TestFiles.write(dir, name, text);
    }

    @Test
    void aFilesRelativePathsAreRelativeToItsFolderNotTheWorkingDirectory() throws IOException {
        Path cfg = write("exp/a.yaml", "data:\n  root: ../data/x\nmodel:\n  weights: w/m.safetensors\n"
                + "  backbone:\n    weights: /opt/bb.safetensors\n");
        RetinaConfig c = ConfigLoader.load(cfg, List.of());
        assertEquals(dir.resolve("data/x").toString(), c.data().root());
        assertNotEquals(CWD.resolve("../data/x").normalize().toString(), c.data().root());
        assertEquals(dir.resolve("exp/w/m.safetensors").toString(), c.model().weights());
        assertEquals("/opt/bb.safetensors", c.model().backbone().weights(), "absolute paths stay as written");
    }

    @Test
    void aBaseInASubfolderResolvesItsOwnPathsAgainstItsOwnFolder() throws IOException {
        write("sub/deep/base.yaml", "data: {root: ../shapes}\nmodel: {backbone: {weights: bb.safetensors}, weights: m0}\n");
        Path top = write("top.yaml", "_base_: [sub/deep/base.yaml]\nmodel: {weights: m.safetensors}\n");
        RetinaConfig c = ConfigLoader.load(top, List.of());
        assertEquals(dir.resolve("sub/shapes").toString(), c.data().root());
        assertEquals(dir.resolve("sub/deep/bb.safetensors").toString(), c.model().backbone().weights());
        assertEquals(dir.resolve("m.safetensors").toString(), c.model().weights(), "the top file wins, from its folder");
    }

    @Test
    void setPathsAreRelativeToTheWorkingDirectory() throws IOException {
        Path top = write("cfgs/t.yaml", "data: {root: mine}\n");
        RetinaConfig c = ConfigLoader.load(top, List.of("data.root=rel/x", "model.backbone={weights: b.st}",
                "model.weights=/abs/m.st"));
        assertEquals(CWD.resolve("rel/x").toString(), c.data().root());
        assertEquals(CWD.resolve("b.st").toString(), c.model().backbone().weights());
        assertEquals("/abs/m.st", c.model().weights());
        assertEquals(CWD.resolve("data/y").toString(), ConfigLoader.load(null, List.of("data={root: ./data/y}")).data().root());
    }

    @Test
    void aRunConfigStoresAbsolutePathsAndReadsBackTheSameFromAnotherFolder() throws IOException {
        Path cfg = write("configs/c.yaml", "data: {root: ../data/d, train: [train]}\nmodel: {weights: ../w.st}\n");
        RetinaConfig c = ConfigLoader.load(cfg, List.of("model.backbone.weights=bb.st"));
        Path runConfig = dir.resolve("runs/r1/config.yaml");
        Files.createDirectories(runConfig.getParent());
        ConfigWriter.write(c, runConfig);
        String yaml = Files.readString(runConfig);
        assertTrue(yaml.contains("root: " + dir.resolve("data/d") + "\n"), yaml);
        assertTrue(yaml.contains("weights: " + CWD.resolve("bb.st") + "\n"), yaml);
        RetinaConfig back = ConfigLoader.load(runConfig, List.of());
        assertEquals(c, back);
        assertEquals(dir.resolve("w.st").toString(), back.model().weights());
        // the run's config under -c: a relative -c file still speaks for its own folder
        Path over = write("elsewhere/o.yaml", "data: {root: d2}\n");
        RetinaConfig layered = ConfigLoader.loadLayers(List.of(runConfig, over), List.of());
        assertEquals(dir.resolve("elsewhere/d2").toString(), layered.data().root());
        assertEquals(back.model().weights(), layered.model().weights());
    }

    @Test
    void everyShippedConfigPointsIntoTheRepositorysDataAndWeightsFolders() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(Path.of("configs"))) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertTrue(files.size() >= 20, files.toString());
        int roots = 0;
        for (Path f : files) {
            RetinaConfig c = ConfigLoader.load(f, List.of());
            if (c.data().root() != null) {
                roots++;
                assertTrue(Path.of(c.data().root()).startsWith(CWD.resolve("data")), f + ": " + c.data().root());
            }
            for (String w : new String[] {c.model().weights(), c.model().backbone().weights()}) {
                assertTrue(w == null || Path.of(w).startsWith(CWD.resolve("weights")), f + ": " + w);
            }
        }
        assertTrue(roots >= 15, "configs with a data.root: " + roots);
    }

    @Test
    void aValueThatIsNoPathIsOneLineNamingTheFile() throws IOException {
        Path cfg = write("bad.yaml", "data:\n  root: \"a\\0b\"\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(cfg, List.of()));
        assertTrue(e.getMessage().startsWith(cfg + ": data.root: "), e.getMessage());
        assertTrue(e.getMessage().contains("is not a valid path"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }
}
