package dev.retinaj.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import dev.retinaj.engine.HostArrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link ClippedOptimizer}'s state as a checkpoint holds it: every buffer of the first device,
 * named by its key and sorted (momentum under the parameter's torchvision name; AdamW's moments under
 * {@code exp_avg/NAME} and {@code exp_avg_sq/NAME}, plus its step count as {@code adam_step}).
 */
final class OptimizerState {
    static final String ADAM_STEP = "adam_step";
    static final String LOSS_SCALE = "loss_scale";

    private OptimizerState() {}

    /** {@code scratch} holds the scalar entries (loss scale, AdamW step), which exist even without buffers. */
    static NDList save(ClippedOptimizer opt, NDManager scratch) {
        NDList out = new NDList();
        Map<String, NDArray> sorted = new LinkedHashMap<>();
        opt.buffers().keySet().stream().sorted().forEach(k -> sorted.put(k, first(opt.buffers().get(k))));
        sorted.forEach((k, v) -> {
            NDArray a = v.duplicate();
            a.setName(k);
            out.add(a);
        });
        if (opt.scaler().isDynamic()) {
            NDArray scale = HostArrays.of(scratch, new double[] {opt.scaler().scale(), opt.scaler().goodSteps()});
            scale.setName(LOSS_SCALE);
            out.add(scale);
        }
        if (opt.adamw()) {
            NDArray step = HostArrays.of(scratch, new long[] {opt.adamStep()});
            step.setName(ADAM_STEP);
            out.add(step);
        }
        return out;
    }

    private static NDArray first(Map<String, NDArray> perDevice) {
        return perDevice.entrySet().stream().min(Map.Entry.comparingByKey()).orElseThrow().getValue();
    }

    /** Replaces the optimiser's buffers by those of {@code state}, one copy per device of the parameter's weights. */
    static void restore(ClippedOptimizer opt, NDList state, Map<String, List<NDArray>> weightsByName) {
        Map<String, Map<String, NDArray>> buffers = opt.buffers();
        buffers.values().forEach(m -> m.values().forEach(NDArray::close));
        buffers.clear();
        for (NDArray a : state) {
            if (ADAM_STEP.equals(a.getName())) {
                opt.adamStep(a.toLongArray()[0]);
                continue;
            }
            if (LOSS_SCALE.equals(a.getName())) {
                double[] v = a.toDoubleArray();
                opt.scaler().restore(v[0], (int) v[1]);
                continue;
            }
            String param = a.getName().substring(a.getName().indexOf('/') + 1);
            List<NDArray> targets = weightsByName.get(param);
            if (targets == null) {
                throw new IllegalStateException("checkpoint has momentum for unknown parameter " + a.getName());
            }
            Map<String, NDArray> perDevice = new HashMap<>();
            for (NDArray w : targets) {
                // a deep copy: decoded arrays may alias the file buffer they were read from
                NDArray buf = a.duplicate();
                if (!buf.getDevice().equals(w.getDevice())) {
                    try (NDArray onHost = buf) {
                        buf = onHost.toDevice(w.getDevice(), true);
                    }
                }
                buf.attach(w.getManager());
                perDevice.put(w.getDevice().toString(), buf);
            }
            buffers.put(a.getName(), perDevice);
        }
    }
}
