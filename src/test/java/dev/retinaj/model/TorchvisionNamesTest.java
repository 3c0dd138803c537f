package dev.retinaj.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import dev.retinaj.config.ConfigLoader;
import dev.retinaj.config.ModelConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** Our parameters carry torchvision's state-dict keys and shapes (lists from make_torchvision_names.py). */
class TorchvisionNamesTest {
    private static List<String> expected(String file) throws IOException {
        return Files.readAllLines(ModelParityTest.DIR.resolve(file)).stream()
                .filter(l -> !l.startsWith("fc.")).toList();
    }

    private static List<String> ours(Block block) {
        try (NDManager m = NDManager.newBaseManager()) {
            block.initialize(m, DataType.FLOAT32, new Shape(1, 3, 64, 64));
            return TorchvisionNames.of(block).entrySet().stream()
                    .map(e -> e.getKey() + " " + Arrays.stream(e.getValue().getShape().getShape())
                            .mapToObj(Long::toString).collect(Collectors.joining(",")))
                    .toList();
        }
    }

    @ParameterizedTest
    @EnumSource(ResNet.Depth.class)
    void resnetBodiesHaveImageNetResNetKeys(ResNet.Depth depth) throws IOException {
        String file = "tv_resnet" + depth.name().substring(1) + ".txt";
        assertEquals(expected(file), ours(new ResNet(depth, NormType.FROZEN_BN, 2, 1.0)));
    }

    @Test
    void tvV1ConfigBuildsTorchvisionsRetinanetResnet50Fpn() throws IOException {
        ModelConfig cfg = ConfigLoader.load(Path.of("configs/retinanet_r50_fpn_tv_v1.yaml"), List.of("model.weights=null")).model();
        assertEquals(expected("tv_retinanet_resnet50_fpn_v1.txt"), ours(RetinaNetFactory.build(cfg, cfg.numClasses())));
    }
}
