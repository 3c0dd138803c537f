package dev.retinaj.util;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class FileTreesTest {
    @Test
    void stemDropsOnlyTheLastExtensionOfTheFileName() {
        assertEquals("b.tar", FileTrees.stem(Path.of("a", "b.tar.gz")));
        assertEquals("000123", FileTrees.stem(Path.of("/x.y/000123.jpg")));
        assertEquals("noext", FileTrees.stem(Path.of("x.y", "noext")));
        assertEquals(".hidden", FileTrees.stem(Path.of(".hidden")));
        assertEquals("b.tar", FileTrees.stem("b.tar.gz"));
        assertEquals(".hidden", FileTrees.stem(".hidden"));
        assertEquals("img", FileTrees.stem("img."));
    }
}
