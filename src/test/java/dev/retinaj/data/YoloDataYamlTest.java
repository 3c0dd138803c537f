package dev.retinaj.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.retinaj.util.BadFileException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A data.yaml that is not UTF-8 is named with its first bad byte and line, as a config file is. */
class YoloDataYamlTest {
    @TempDir
    Path dir;

    @Test
    void latin1DataYamlNamesTheByteAndTheLine() throws Exception {
        Path yaml = Files.write(dir.resolve("data.yaml"),
                "train: images/train\nnames: [caf\u00e9]\n".getBytes(StandardCharsets.ISO_8859_1));
        BadFileException e = assertThrows(BadFileException.class, () -> YoloDataYaml.parse(yaml, false));
        assertEquals(yaml + ": not UTF-8 text (byte 0xE9 at line 2); save the file as UTF-8", e.getMessage());

        Files.writeString(yaml, "train: images/train\nnames: [caf\u00e9]\n"); // the same text as UTF-8 reads
        YoloDataYaml y = YoloDataYaml.parse(yaml, false);
        assertEquals(List.of("caf\u00e9"), y.names());
        assertEquals(List.of("images/train"), y.splits().get("train"));
    }
}
