package dev.retinaj.config;

/** {@code assigner.*}: IoU thresholds of the anchor-to-box matcher. */
public record AssignerConfig(double fgIou, double bgIou, boolean lowQualityMatches) {
    public AssignerConfig {
        Validate.range("fg_iou", fgIou, 0, 1);
        Validate.range("bg_iou", bgIou, 0, 1);
        if (bgIou > fgIou) {
            throw ConfigException.field("bg_iou", "must be <= fg_iou (" + fgIou + "), got " + bgIou);
        }
    }
}
