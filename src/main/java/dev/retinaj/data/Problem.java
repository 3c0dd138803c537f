package dev.retinaj.data;

/** One bad sample or annotation found while loading: the file it is in and what is wrong. */
public record Problem(String file, String reason) {
    @Override
    public String toString() {
        return file + ": " + reason;
    }
}
