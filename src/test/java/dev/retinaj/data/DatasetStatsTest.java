package dev.retinaj.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.retinaj.config.DataConfig.Format;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetStatsTest {
    @TempDir
    Path tmp;

    @Test
    void countsWhatTheVocAnnotationsHold() throws Exception {
        Path devkit = DataFixtures.voc(tmp);
        LoadedSplit s = new DataInput(Format.VOC, devkit.resolve("VOC2007"), null, null).read(List.of(), BadSamples.collecting());
        DatasetStats st = DatasetStats.of(s);
        assertEquals(3, st.images());
        assertEquals(10, st.boxes());
        assertEquals(0, st.emptyImages());
        assertEquals(5, st.perClass().get("chair"));
        assertEquals(1, st.perClass().get("car"));
        assertEquals(1, st.perClass().get("horse"));
        assertEquals(3, st.perClass().get("person"));
        assertEquals(0, st.perClass().get("dog"));
        assertEquals(2, st.crowdBoxes());
        // areas (96² = 9216): chairs 62x129, 89x109 (= 9701, large), 63x131, 55x106, 36x35; car 360x281 and
        // horse 202x159 large; persons 80x144 large, 43x131 and 40x132 medium
        assertEquals(0, st.small());
        assertEquals(6, st.medium());
        assertEquals(4, st.large());
        assertEquals(1, st.minBoxesPerImage());
        assertEquals(5, st.maxBoxesPerImage());
        JsonNode j = new ObjectMapper().readTree(st.toJson());
        for (String k : List.of("images", "boxes", "empty_images", "per_class", "sizes", "problems")) {
            assertEquals(true, j.has(k), k);
        }
        assertEquals(4, j.get("sizes").get("large").asInt());
        assertEquals(5, j.get("per_class").get("chair").asInt());
    }

    @Test
    void listsProblemsAndCountsEmptyCocoImages() throws Exception {
        Path root = DataFixtures.coco(tmp);
        Files.delete(root.resolve("val/000000037777.jpg"));
        LoadedSplit s = new DataInput(Format.COCO, root.resolve("annotations/instances_val.json"), null, null)
                .read(List.of(), BadSamples.collecting());
        DatasetStats st = DatasetStats.of(s);
        assertEquals(2, st.images());
        assertEquals(1, st.emptyImages());
        assertEquals(3, st.boxes());
        assertEquals(1, st.problems().size());
        assertEquals(1, st.crowdBoxes());
    }
}
