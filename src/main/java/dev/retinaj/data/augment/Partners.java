package dev.retinaj.data.augment;

import java.io.IOException;

/** The training images a mosaic can draw its other three parts from, decoded on demand. */
public interface Partners {
    int size();

    Annotated load(int index) throws IOException;
}
