package dev.retinaj.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Images given to inference ({@code predict}), checked as a data set's images are: a truncated,
 * mislabelled or undecodable file is reported to {@code data.on_bad_sample} (skip: logged, counted
 * and null; fail: a one-line error naming the file), never decoded half grey.
 */
public final class InputImages {
    private InputImages() {}

    /** The decoded image, or null when it was bad and skipped. */
    public static RgbImage read(Path file, BadSamples bad) {
        if (!ImageIntegrity.check(file, bad)) {
            return null;
        }
        try {
            return ImageDecoder.decode(file);
        } catch (IOException | RuntimeException e) {
            String reason = e.getMessage() == null ? "decoder error" : e.getMessage();
            bad.report(file, "undecodable image: " + VocReader.oneLine(reason));
            return null;
        }
    }
}
