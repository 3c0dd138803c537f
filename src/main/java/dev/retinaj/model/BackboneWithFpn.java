package dev.retinaj.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;

/** torchvision's BackboneWithFPN: {@code body} (ResNet → C3..C5) and {@code fpn} (→ P3..P7). */
public final class BackboneWithFpn extends NamedBlock {
    private final ResNet body;
    private final Fpn fpn;

    public BackboneWithFpn(ResNet body, Fpn fpn) {
        this.body = add("body", body, 3);
        this.fpn = add("fpn", fpn, 0);
    }

    public ResNet body() {
        return body;
    }

    public Fpn fpn() {
        return fpn;
    }

    /** C3..C5 and P3..P7 of an input batch. */
    public Features features(ParameterStore ps, NDArray x, boolean training) {
        List<NDArray> c = body.features(ps, x, training);
        return new Features(c, fpn.pyramid(ps, c, training));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(features(ps, inputs.singletonOrThrow(), training).p());
    }

    /** Backbone features C3..C5 and pyramid levels P3..P7 (for tests and inspection). */
    public record Features(List<NDArray> c, List<NDArray> p) {
        public Features {
            c = List.copyOf(c);
            p = List.copyOf(p);
        }
    }
}
