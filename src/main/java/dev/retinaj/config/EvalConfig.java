package dev.retinaj.config;

import java.util.List;

/** {@code eval.*}: which metrics evaluation reports. */
public record EvalConfig(List<Metric> metric) {

    public enum Metric { COCO, VOC07, VOC }

    public EvalConfig {
        metric = Validate.nonEmpty("metric", metric);
    }
}
