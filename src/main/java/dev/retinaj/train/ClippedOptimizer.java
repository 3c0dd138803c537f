package dev.retinaj.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.optimizer.Optimizer;
import dev.retinaj.engine.HostArrays;
import dev.retinaj.engine.Scalars;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The optimiser: SGD with momentum and weight decay in PyTorch's form (buf = m·buf + g + wd·w;
 * w -= lr·buf), or AdamW, both with gradient clipping by the global norm over all parameters.
 *
 * <p>DJL's own Sgd keeps its momentum where a checkpoint cannot reach it and updates parameter by
 * parameter, so a global norm cannot be applied. This optimizer therefore only collects the
 * (already device-reduced) gradients while {@code Trainer.step()} runs, and {@link #apply} then
 * clips and updates everything at once; its state is saved and restored by {@link OptimizerState}.
 */
public final class ClippedOptimizer extends Optimizer {
    private static final NDIndex ALL = new NDIndex("...");

    private final double momentum;
    private final boolean adamw;
    private final double beta2;
    private final double eps;
    /** AdamW's bias-correction step count: applied updates so far. */
    private long adamStep;
    private final double weightDecay;
    private final double clipNorm;
    private final Set<String> noDecay;
    /** Parameter id → stable parameter name (ids are random per process). */
    private final Map<String, String> names;
    /** Pending updates of this step, in the order DJL delivered them. */
    private final List<Pending> pending = new ArrayList<>();
    private final Map<String, NDArray> zeros = new HashMap<>();
    private LossScaler scaler = LossScaler.off();
    /** Momentum buffers by parameter name and device. */
    private final Map<String, Map<String, NDArray>> buffers = new HashMap<>();

    /** {@code own}: grad is the parameter's own gradient (zeroed after use), not a copy to close. */
    private record Pending(String id, NDArray weight, NDArray grad, boolean own) {}

    /** What one step did. */
    public record StepReport(double gradNorm, double clipScale, boolean applied, Map<String, Double> paramNorms, boolean overflow) {}

    /**
     * @param adamw AdamW (decoupled weight decay, {@code momentum} as β1) instead of SGD
     * @param clipNorm the global gradient norm to clip to (0 = no clipping)
     */
    public record Settings(boolean adamw, double momentum, double beta2, double eps, double weightDecay,
                           double clipNorm) {
        /** SGD with momentum. */
        public static Settings sgd(double momentum, double weightDecay, double clipNorm) {
            return new Settings(false, momentum, 0, 0, weightDecay, clipNorm);
        }
    }

    /**
     * @param names parameter id → name, for every trainable parameter
     * @param noDecay ids of parameters that take no weight decay (norms and biases, if so configured)
     */
    public ClippedOptimizer(Settings s, Map<String, String> names, Set<String> noDecay) {
        super(new OptimizerFactory.Builder());
        this.adamw = s.adamw();
        this.momentum = s.momentum();
        this.beta2 = s.beta2();
        this.eps = s.eps();
        this.weightDecay = s.weightDecay();
        this.clipNorm = s.clipNorm();
        this.names = Map.copyOf(names);
        this.noDecay = Set.copyOf(noDecay);
    }

    /** Gradients arrive multiplied by this scaler's scale; {@link #apply} divides them back. */
    public void useScaler(LossScaler s) {
        this.scaler = s;
    }

    public LossScaler scaler() {
        return scaler;
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        // DJL closes the reduced gradient it passes once update returns: keep a copy. Zeroing the
        // parameter's own gradient is the optimizer's job on PyTorch (it accumulates otherwise).
        NDArray copy = grad.duplicate();
        copy.attach(weight.getManager());
        pending.add(new Pending(parameterId, weight, copy, false));
        try (NDArray own = weight.getGradient()) {
            zero(own, weight);
        }
    }

    /**
     * Takes the gradients of {@code params} (one device) as they are, instead of through
     * {@code Trainer.step()}, whose parameter server copies each one twice and sums them all once more
     * to check that backward ran.
     */
    public void collect(java.util.Collection<ai.djl.nn.Parameter> params) {
        for (ai.djl.nn.Parameter p : params) {
            NDArray w = p.getArray();
            pending.add(new Pending(p.getId(), w, w.getGradient(), true));
        }
    }

    /** Clips and applies the gradients collected by {@code Trainer.step()} or {@link #collect} at learning rate {@code lr}. */
    public StepReport apply(double lr) {
        try {
            // DJL delivers parameters in hash order of random ids; a fixed order keeps the norm's
            // floating-point sum, and so a resumed run, bit-identical.
            pending.sort(java.util.Comparator.comparing((Pending p) -> name(p.id()))
                    .thenComparing(p -> p.weight().getDevice().toString()));
            double sq = 0;
            Map<String, Double> norms = new LinkedHashMap<>();
            float[] sums = squaredSums();
            int i = 0;
            for (Pending p : pending) {
                double s = sums[i++];
                if (!norms.containsKey(name(p.id()))) {
                    norms.put(name(p.id()), Math.sqrt(s));
                    sq += s;
                }
            }
            double loss = scaler.scale();
            double norm = Math.sqrt(sq) / loss;
            boolean overflow = scaler.absorbs(Double.isFinite(norm)); // an fp16 overflow: lower the scale, no failure
            scaler.update(Double.isFinite(norm));
            if (!Double.isFinite(norm)) {
                return new StepReport(norm, 0, false, norms, overflow);
            }
            double scale = (clipNorm > 0 && norm > clipNorm ? clipNorm / (norm + 1e-6) : 1.0) / loss;
            if (adamw) {
                adamStep++;
            }
            for (Pending p : pending) {
                NDArray g = scale == 1.0 ? p.grad() : Scalars.MULI.apply(p.grad(), (float) scale);
                double wd = noDecay.contains(p.id()) ? 0 : weightDecay;
                if (adamw) {
                    adamUpdate(p, g, lr, wd);
                } else {
                    sgdUpdate(p, g, lr, wd);
                }
            }
            return new StepReport(norm, scale, true, Map.of(), false);
        } finally {
            discard();
        }
    }

    /** Σ g² of every pending gradient, read back from the device at once (one sync, not one per parameter). */
    private float[] squaredSums() {
        if (pending.isEmpty()) {
            return new float[0];
        }
        try (NDManager scope = pending.get(0).grad().getManager().newSubManager()) {
            NDList sums = new NDList(pending.size());
            for (Pending p : pending) {
                NDArray sqr = p.grad().square();
                sqr.attach(scope);
                NDArray sum = sqr.sum();
                sum.attach(scope);
                sqr.close();
                sums.add(sum.toDevice(pending.get(0).grad().getDevice(), false));
            }
            NDArray all = NDArrays.stack(sums);
            all.attach(scope);
            return all.toFloatArray();
        }
    }

    /** PyTorch's SGD: buf = m·buf + g + wd·w (buf = g at first); w -= lr·buf. */
    private void sgdUpdate(Pending p, NDArray g, double lr, double wd) {
        if (wd > 0) {
            try (NDArray decay = Scalars.MUL.apply(p.weight(), (float) wd)) {
                g = g.addi(decay);
            }
        }
        if (momentum > 0) {
            NDArray buf = buffer(p, name(p.id()), null);
            if (buf == null) {
                buffer(p, name(p.id()), g);
            } else {
                Scalars.MULI.apply(buf, (float) momentum).addi(g);
            }
            g = buffer(p, name(p.id()), null);
        }
        try (NDArray delta = Scalars.MUL.apply(g, (float) lr)) {
            p.weight().subi(delta);
        }
    }

    /** PyTorch's AdamW: w ·= 1 − lr·wd; m, v moving averages of g, g²; w -= lr·m̂ / (√v̂ + ε). */
    private void adamUpdate(Pending p, NDArray g, double lr, double wd) {
        String name = name(p.id());
        NDArray w = p.weight();
        if (wd > 0) {
            Scalars.MULI.apply(w, (float) (1 - lr * wd));
        }
        NDArray m = buffer(p, "exp_avg/" + name, null);
        if (m == null) {
            try (NDArray zero = g.zerosLike()) {
                m = buffer(p, "exp_avg/" + name, zero);
            }
        }
        NDArray v = buffer(p, "exp_avg_sq/" + name, null);
        if (v == null) {
            try (NDArray zero = g.zerosLike()) {
                v = buffer(p, "exp_avg_sq/" + name, zero);
            }
        }
        try (NDArray g1 = Scalars.MUL.apply(g, (float) (1 - momentum))) {
            Scalars.MULI.apply(m, (float) momentum).addi(g1);
        }
        try (NDArray g2 = g.square()) {
            Scalars.MULI.apply(g2, (float) (1 - beta2));
            Scalars.MULI.apply(v, (float) beta2).addi(g2);
        }
        double bc1 = 1 - Math.pow(momentum, adamStep);
        double bc2 = 1 - Math.pow(beta2, adamStep);
        try (NDArray denom = v.sqrt()) {
            Scalars.DIVI.apply(denom, (float) Math.sqrt(bc2)).addi((float) eps);
            try (NDArray step = m.div(denom)) {
                Scalars.MULI.apply(step, (float) (lr / bc1));
                w.subi(step);
            }
        }
    }

    /** The state buffer {@code key} of p's device; created as a copy of {@code init} when absent and init given. */
    private NDArray buffer(Pending p, String key, NDArray init) {
        Map<String, NDArray> perDevice = buffers.computeIfAbsent(key, k -> new HashMap<>());
        String device = p.weight().getDevice().toString();
        NDArray buf = perDevice.get(device);
        if (buf == null && init != null) {
            buf = init.duplicate();
            buf.attach(p.weight().getManager());
            perDevice.put(device, buf);
        }
        return buf;
    }

    /** Clears a parameter's accumulated gradient (PyTorch accumulates into it otherwise). */
    private void zero(NDArray grad, NDArray weight) {
        // set(index, Number) leaks a scalar per call on PyTorch; a kept zero does not (and clears NaN)
        grad.set(ALL, zeros.computeIfAbsent(weight.getDevice().toString(), d -> HostArrays.scalar(weight.getManager(), 0f)));
    }

    /** Drops the collected gradients without updating (a skipped step). */
    public void discard() {
        for (Pending p : pending) {
            if (p.own()) {
                zero(p.grad(), p.weight());
            }
            p.grad().close();
        }
        pending.clear();
    }

    private String name(String id) {
        String n = names.get(id);
        if (n == null) {
            throw new IllegalStateException("parameter " + id + " is not known to the optimizer");
        }
        return n;
    }

    /** The state buffers: key (parameter name, or exp_avg/NAME, exp_avg_sq/NAME for AdamW) → device → buffer. */
    Map<String, Map<String, NDArray>> buffers() {
        return buffers;
    }

    boolean adamw() {
        return adamw;
    }

    long adamStep() {
        return adamStep;
    }

    void adamStep(long step) {
        adamStep = step;
    }
}
