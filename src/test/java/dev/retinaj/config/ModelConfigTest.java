package dev.retinaj.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code model.anchors.strides} states the FPN's strides once: other values fail with one line naming the key. */
class ModelConfigTest {
    private static final Path DEMO = Path.of("configs/shapes_r18_fpn_demo.yaml");

    @Test
    void theFpnStridesAreAccepted() {
        RetinaConfig cfg = ConfigLoader.load(DEMO, List.of("model.anchors.strides=[8,16,32,64,128]"));
        assertEquals(List.of(8, 16, 32, 64, 128), cfg.model().anchors().strides());
    }

    @Test
    void aLevelCountOtherThanTheFpnsIsAOneLineConfigError() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(DEMO,
                List.of("model.anchors.strides=[8,16,32,64]", "model.anchors.sizes=[16,32,64,128]")));
        assertTrue(e.getMessage().contains("model.anchors.strides"), e.getMessage());
        assertTrue(e.getMessage().contains("5 levels P3..P7"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void otherStridesForFiveLevelsAreRejectedToo() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(DEMO, List.of("model.anchors.strides=[4,8,16,32,64]")));
        assertTrue(e.getMessage().contains("got [4, 8, 16, 32, 64]"), e.getMessage());
    }
}
