package dev.retinaj.model;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Lists a block's parameters under torchvision's state-dict keys. Our blocks carry torchvision's
 * module names (DJL prefixes each child with its position, "01", "02", ..., which we strip), and
 * DJL's BatchNorm names its tensors gamma/beta/runningMean/runningVar where torch says
 * weight/bias/running_mean/running_var.
 */
public final class TorchvisionNames {
    private TorchvisionNames() {}

    /** torchvision key → parameter, in the block's order. */
    public static Map<String, Parameter> of(Block block) {
        Map<String, Parameter> out = new LinkedHashMap<>();
        collect(block, "", out);
        return out;
    }

    private static void collect(Block block, String prefix, Map<String, Parameter> out) {
        for (Parameter p : block.getDirectParameters().values()) {
            out.put(prefix + tensorName(p.getName()), p);
        }
        int i = 0;
        for (Pair<String, Block> child : block.getChildren()) {
            String position = String.format(Locale.ROOT, "%02d", ++i);
            String key = child.getKey();
            String name = key.startsWith(position) ? key.substring(position.length()) : key;
            collect(child.getValue(), prefix + name + ".", out);
        }
    }

    static String tensorName(String djlName) {
        return switch (djlName) {
            case "gamma" -> "weight";
            case "beta" -> "bias";
            case "runningMean" -> "running_mean";
            case "runningVar" -> "running_var";
            default -> djlName;
        };
    }
}
