package dev.retinaj.eval;

/** A ground-truth category: its data-set id and display name. */
public record Category(int id, String name) {
    public Category {
        if (name == null) {
            throw new IllegalArgumentException("category " + id + " has no name");
        }
    }
}
