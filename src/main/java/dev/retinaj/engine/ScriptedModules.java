package dev.retinaj.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The one-line TorchScript modules in the jar (resources retinaj/torchscript/*.pt, made by
 * scripts/make_torchscript_modules.py) for ops DJL 0.35's PyTorch bridge lacks. Each is loaded once;
 * autograd records them like any other op.
 */
final class ScriptedModules {
    private static final Map<String, PtSymbolBlock> MODULES = new HashMap<>();
    private static NDManager owner;

    private ScriptedModules() {}

    /** The module {@code resource} applied to {@code x} (and any further inputs); the result is on x's manager. */
    static NDArray run(String resource, NDArray x, NDArray... more) {
        NDList in = new NDList(x);
        in.addAll(java.util.Arrays.asList(more));
        // always in "training" mode: DJL runs a scripted module otherwise under InferenceMode, whose results
        // autograd refuses to save and no later op may update in place (a residual add); outside a
        // GradientCollector autograd records nothing either way
        NDArray y = module(resource).forward(new ParameterStore(x.getManager(), false), in, true)
                .singletonOrThrow();
        y.attach(x.getManager());
        return y;
    }

    private static synchronized PtSymbolBlock module(String resource) {
        PtSymbolBlock m = MODULES.get(resource);
        if (m == null) {
            if (owner == null) {
                owner = NDManager.newBaseManager();
            }
            try (InputStream in = ScriptedModules.class.getResourceAsStream("/retinaj/torchscript/" + resource)) {
                if (in == null) {
                    throw new IllegalStateException("resource retinaj/torchscript/" + resource + " missing from the jar");
                }
                m = JniUtils.loadModule((PtNDManager) owner, in, false, false);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            MODULES.put(resource, m);
        }
        return m;
    }
}
