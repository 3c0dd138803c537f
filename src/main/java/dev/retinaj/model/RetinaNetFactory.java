package dev.retinaj.model;

import dev.retinaj.config.ModelConfig;

/** Builds the RetinaNet block from {@code model.*}; the only class of this package that reads config. */
public final class RetinaNetFactory {
    private RetinaNetFactory() {}

    /** An uninitialised RetinaNet for {@code numClasses} classes (call {@link RetinaNet#initialize} or let a Trainer do it). */
    public static RetinaNet build(ModelConfig cfg, int numClasses) {
        if (numClasses < 1) {
            throw new IllegalArgumentException("numClasses must be >= 1, got " + numClasses);
        }
        ModelConfig.BackboneConfig b = cfg.backbone();
        ResNet body = new ResNet(depth(b.name()), norm(b.norm()), b.freezeAt(), b.width());
        Fpn fpn = new Fpn(body.featureChannels(), cfg.fpn().channels(), cfg.fpn().p6From() == ModelConfig.P6From.P5);
        ModelConfig.HeadConfig h = cfg.head();
        RetinaHead head = new RetinaHead(cfg.fpn().channels(), h.channels(), h.numConvs(),
                h.norm() == ModelConfig.HeadNorm.GN ? NormType.GN : NormType.NONE,
                cfg.anchors().perLocation(), numClasses, h.priorProb());
        return new RetinaNet(new BackboneWithFpn(body, fpn), head, cfg.anchors().strides());
    }

    static ResNet.Depth depth(ModelConfig.BackboneName name) {
        return switch (name) {
            case RESNET18 -> ResNet.Depth.R18;
            case RESNET34 -> ResNet.Depth.R34;
            case RESNET50 -> ResNet.Depth.R50;
            case RESNET101 -> ResNet.Depth.R101;
        };
    }

    static NormType norm(ModelConfig.Norm norm) {
        return switch (norm) {
            case FROZEN_BN -> NormType.FROZEN_BN;
            case BN -> NormType.BN;
            case GN -> NormType.GN;
        };
    }
}
