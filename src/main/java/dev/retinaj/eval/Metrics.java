package dev.retinaj.eval;

import java.util.List;
import java.util.Map;

/** Result of an evaluation: the numbers, their JSON and table forms, and PR curves for plotting. */
public interface Metrics {
    /** "coco", "voc07" or "voc". */
    String metric();

    /** The headline number: COCO AP@[.5:.95] or VOC mAP (-1 if undefined). */
    double headline();

    /** Per-class AP by class name, classes in ascending category id order; -1 where undefined. */
    Map<String, Double> perClass();

    /** The JSON object of the command-line contract (docs/cli.md). */
    String toJson();

    /** A human-readable table: overall numbers, then one line per class. */
    String toTable();

    /** One figure per class with ground truth, then an overall figure named "overall". */
    List<PrFigure> prFigures();
}
