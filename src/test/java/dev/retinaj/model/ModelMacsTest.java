package dev.retinaj.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.retinaj.config.ConfigLoader;
import dev.retinaj.config.ModelConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Conv MAC counts equal torchvision's, counted there with forward hooks (make_torchvision_names.py). */
class ModelMacsTest {
    private static long expected(String model, int h, int w) throws IOException {
        for (String line : Files.readAllLines(ModelParityTest.DIR.resolve("tv_conv_macs.txt"))) {
            String[] f = line.split(" ");
            if (f[0].equals(model) && Integer.parseInt(f[1]) == h && Integer.parseInt(f[2]) == w) {
                return Long.parseLong(f[3]);
            }
        }
        throw new AssertionError("no " + model + " " + h + "x" + w);
    }

    @Test
    void retinanetR50TvV1MacsEqualTorchvisions() throws IOException {
        ModelConfig cfg = ConfigLoader.load(Path.of("configs/retinanet_r50_fpn_tv_v1.yaml"), List.of("model.weights=null")).model();
        RetinaNet net = RetinaNetFactory.build(cfg, 91);
        try (NDManager m = NDManager.newBaseManager()) {
            net.initialize(m);
            assertEquals(expected("retinanet_resnet50_fpn_v1", 512, 512), net.macs(512, 512));
            assertEquals(expected("retinanet_resnet50_fpn_v1", 333, 500), net.macs(333, 500));
        }
    }

    @Test
    void resnetBodyMacsEqualTorchvisions() throws IOException {
        for (ResNet.Depth d : List.of(ResNet.Depth.R18, ResNet.Depth.R50)) {
            ResNet body = new ResNet(d, NormType.FROZEN_BN, 0, 1.0);
            try (NDManager m = NDManager.newBaseManager()) {
                body.initialize(m, DataType.FLOAT32, new Shape(1, 3, 64, 64));
                assertEquals(expected("resnet" + d.name().substring(1) + "_convs", 224, 224), body.macs(224, 224));
            }
        }
    }
}
