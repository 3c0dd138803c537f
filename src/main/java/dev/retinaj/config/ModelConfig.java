package dev.retinaj.config;

import java.util.List;

/** {@code model.*}: backbone, FPN, heads, anchors and weights to load. */
public record ModelConfig(
        int numClasses,
        BackboneConfig backbone,
        FpnConfig fpn,
        HeadConfig head,
        AnchorConfig anchors,
        String weights) {

    public ModelConfig {
        Validate.atLeast("num_classes", numClasses, 0);
        if (anchors != null && !anchors.strides().equals(FPN_STRIDES)) {
            throw ConfigException.field("anchors.strides", "the FPN has " + FPN_STRIDES.size()
                    + " levels P3..P7 with strides " + FPN_STRIDES + ", got " + anchors.strides());
        }
    }

    public enum BackboneName { RESNET18, RESNET34, RESNET50, RESNET101 }

    public enum Norm { FROZEN_BN, BN, GN }

    public enum HeadNorm { NONE, GN }

    public enum P6From { C5, P5 }

    /** {@code model.backbone.*}; {@code width} scales every stage's channels (1.0 = torchvision). */
    public record BackboneConfig(BackboneName name, Norm norm, String weights, int freezeAt, double width) {
        public BackboneConfig {
            Validate.range("freeze_at", freezeAt, 0, 5);
            Validate.openRange("width", width, 0, 4.0001);
        }
    }

    /** {@code model.fpn.*}. */
    public record FpnConfig(int channels, P6From p6From) {
        public FpnConfig {
            Validate.atLeast("channels", channels, 1);
        }
    }

    /** {@code model.head.*}. */
    public record HeadConfig(int numConvs, int channels, HeadNorm norm, double priorProb) {
        public HeadConfig {
            Validate.atLeast("num_convs", numConvs, 0);
            Validate.atLeast("channels", channels, 1);
            Validate.openRange("prior_prob", priorProb, 0, 1);
        }
    }

    /** Strides of P3..P7, the five levels the FPN produces (ResNet's C3..C5, then P6 and P7). */
    public static final List<Integer> FPN_STRIDES = List.of(8, 16, 32, 64, 128);

    /**
     * {@code model.anchors.*}: {@code strides} are those of the FPN levels (the one place they are
     * stated: the network's level shapes and the anchors both follow them); per level, sizes = {@code sizes[l] × scales}, unless
     * {@code level_sizes} lists each level's sizes explicitly (torchvision's 32, 40, 50 ...).
     */
    public record AnchorConfig(
            List<Integer> strides,
            List<Double> sizes,
            List<Double> scales,
            List<List<Double>> levelSizes,
            List<Double> ratios) {
        public AnchorConfig {
            strides = Validate.nonEmpty("strides", strides);
            sizes = Validate.nonEmpty("sizes", sizes);
            scales = Validate.nonEmpty("scales", scales);
            ratios = Validate.nonEmpty("ratios", ratios);
            if (sizes.size() != strides.size()) {
                throw ConfigException.field("sizes", "needs one size per level (" + strides.size() + "), got " + sizes.size());
            }
            if (levelSizes != null && !levelSizes.isEmpty()) {
                if (levelSizes.size() != strides.size()) {
                    throw ConfigException.field("level_sizes",
                            "needs one list per level (" + strides.size() + "), got " + levelSizes.size());
                }
                int n = levelSizes.get(0).size();
                for (List<Double> l : levelSizes) {
                    if (l.size() != n) {
                        throw ConfigException.field("level_sizes", "every level needs the same number of sizes");
                    }
                }
                levelSizes = levelSizes.stream().map(List::copyOf).toList();
            } else {
                levelSizes = List.of();
            }
            for (double r : ratios) {
                if (!(r > 0)) {
                    throw ConfigException.field("ratios", "must be > 0, got " + r);
                }
            }
        }

        /** Anchor sizes of level {@code l}, in pixels. */
        public List<Double> sizesOfLevel(int l) {
            if (!levelSizes.isEmpty()) {
                return levelSizes.get(l);
            }
            double base = sizes.get(l);
            return scales.stream().map(s -> base * s).toList();
        }

        /** Anchors per location. */
        public int perLocation() {
            return sizesOfLevel(0).size() * ratios.size();
        }
    }
}
