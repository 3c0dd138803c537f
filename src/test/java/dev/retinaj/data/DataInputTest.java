package dev.retinaj.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.retinaj.config.DataConfig.Format;
import dev.retinaj.util.UsageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataInputTest {
    @TempDir
    Path tmp;

    @Test
    void aVocdevkitGivenAsRootNamesTheVocFolderToGive() throws Exception {
        Path devkit = DataFixtures.voc(tmp); // VOC2007 and VOC2012
        UsageException e = assertThrows(UsageException.class,
                () -> new DataInput(Format.VOC, devkit, null, null).read(List.of(), BadSamples.collecting()));
        assertEquals(devkit + ": not a VOC20xx folder (no Annotations/ in it); give one of the VOC folders in it, e.g. "
                + devkit.resolve("VOC2007") + " (it holds VOC2007, VOC2012)", e.getMessage());
        Path one = Files.createDirectories(tmp.resolve("one/VOC2007/Annotations")).getParent().getParent();
        Files.createDirectories(one.resolve("not_voc"));
        assertEquals("; give one of the VOC folders in it, e.g. " + one.resolve("VOC2007"), DataInput.vocHint(one));
        // a folder with no VOC folder in it gets no hint
        assertEquals("", DataInput.vocHint(Files.createDirectories(tmp.resolve("empty"))));
    }
}
