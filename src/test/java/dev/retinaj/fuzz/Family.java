package dev.retinaj.fuzz;

/**
 * The fuzz suite's case families, in the order the counts are printed. The suite fails unless every
 * family here has cases, so a family is added (or dropped) in this one place.
 */
enum Family {
    PATH_ESCAPE("path escape"),
    BAD_ID("bad id"),
    DUPLICATE_KEY("duplicate key"),
    EMPTY_OR_REPEATED_NAME("empty or repeated name"),
    NON_FINITE_NUMBER("non-finite number"),
    TRUNCATED_IMAGE("truncated image"),
    XML_ENTITIES("xml entities"),
    CONVERT_INPUT("convert input"),
    BAD_YAML_OR_SET("bad yaml or --set"),
    YAML_ROUND_TRIP("yaml round trip"),
    EVAL_JSON("eval json"),
    TRAIN("train"),
    PREDICT("predict"),
    DISK_PERMISSIONS("disk/permissions"),
    INTERRUPTS("interrupts");

    final String label;

    Family(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }
}
