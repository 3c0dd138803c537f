package dev.retinaj.eval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** VOC results: per-class AP (-1 for classes without non-difficult ground truth) and their mean. */
public final class VocMetrics implements Metrics {
    private final VocEvaluator.Mode mode;
    private final String[] names;
    private final int[] catIds;
    private final double[] ap;
    private final VocEvaluator.ClassCurve[] curves;
    private final double map;

    VocMetrics(VocEvaluator.Mode mode, String[] names, int[] catIds, double[] ap, VocEvaluator.ClassCurve[] curves) {
        this.mode = mode;
        this.names = names;
        this.catIds = catIds;
        this.ap = ap;
        this.curves = curves;
        double sum = 0;
        int n = 0;
        for (double v : ap) {
            if (v >= 0) {
                sum += v;
                n++;
            }
        }
        this.map = n == 0 ? -1 : sum / n;
    }

    public double mAP() {
        return map;
    }

    /** AP of the category with this id, -1 if it has no non-difficult ground truth. */
    public double classAp(int categoryId) {
        for (int k = 0; k < catIds.length; k++) {
            if (catIds[k] == categoryId) {
                return ap[k];
            }
        }
        throw new IllegalArgumentException("unknown category_id " + categoryId);
    }

    @Override
    public String metric() {
        return mode.key();
    }

    @Override
    public double headline() {
        return map;
    }

    @Override
    public Map<String, Double> perClass() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int k = 0; k < names.length; k++) {
            m.put(names[k], ap[k]);
        }
        return Collections.unmodifiableMap(m);
    }

    @Override
    public String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mAP", map);
        m.put(variantKey(), map);
        m.put("per_class", perClass());
        return JsonOut.write(m);
    }

    /**
     * The mAP key that names its variant: {@code mAP_voc07} (11-point, VOC2007) or {@code mAP_voc10}
     * (all points, VOC2010 on). {@code mAP} stays beside it for readers of older files.
     */
    public String variantKey() {
        return mode == VocEvaluator.Mode.VOC07 ? "mAP_voc07" : "mAP_voc10";
    }

    /** voc07 or voc10. */
    private String variant() {
        return variantKey().substring("mAP_".length());
    }

    @Override
    public String toTable() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%-24s %9s%n", "class", "AP (" + variant() + ")"));
        for (int k = 0; k < names.length; k++) {
            sb.append(String.format("%-24s %9s%n", names[k], ap[k] < 0 ? "-" : String.format("%.4f", ap[k])));
        }
        sb.append(String.format("%-24s %9s%n", variantKey(), map < 0 ? "-" : String.format("%.4f", map)));
        return sb.toString();
    }

    /** The curve with a first point at recall 0 holding the first precision, so that one point still draws a line. */
    private static PrCurve fromRecallZero(String label, double[] recall, double[] precision) {
        double[] r = new double[recall.length + 1];
        double[] p = new double[precision.length + 1];
        System.arraycopy(recall, 0, r, 1, recall.length);
        System.arraycopy(precision, 0, p, 1, precision.length);
        p[0] = precision.length > 0 ? precision[0] : 0;
        return new PrCurve(label, r, p);
    }

    @Override
    public List<PrFigure> prFigures() {
        List<PrFigure> figs = new ArrayList<>();
        double[] grid = CocoEvaluator.REC_THRS;
        double[] mean = new double[grid.length];
        int defined = 0;
        for (int k = 0; k < names.length; k++) {
            VocEvaluator.ClassCurve c = curves[k];
            if (c == null) {
                continue;
            }
            defined++;
            // precision envelope sampled on the recall grid, for the overall mean curve
            double[] env = c.precision().clone();
            for (int i = env.length - 2; i >= 0; i--) {
                env[i] = Math.max(env[i], env[i + 1]);
            }
            int i = 0;
            for (int r = 0; r < grid.length; r++) {
                while (i < env.length && c.recall()[i] < grid[r]) {
                    i++;
                }
                mean[r] += i < env.length ? env[i] : 0;
            }
            figs.add(new PrFigure(names[k], String.format("%s  AP(%s)=%.3f", names[k], variant(), ap[k]),
                    List.of(fromRecallZero("precision", c.recall(), c.precision()),
                            fromRecallZero("envelope", c.recall(), env))));
        }
        if (defined > 0) {
            for (int r = 0; r < grid.length; r++) {
                mean[r] /= defined;
            }
            figs.add(new PrFigure("overall", String.format("all classes  mAP(%s)=%.3f", variant(), map),
                    List.of(new PrCurve("mean interpolated precision", grid.clone(), mean))));
        }
        return figs;
    }
}
