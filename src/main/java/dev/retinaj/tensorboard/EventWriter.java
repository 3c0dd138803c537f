package dev.retinaj.tensorboard;

import com.google.protobuf.ByteString;
import dev.retinaj.tensorboard.proto.Event;
import dev.retinaj.tensorboard.proto.Summary;
import java.awt.image.BufferedImage;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * A TensorBoard event file ({@code events.out.tfevents.<seconds>.<host>}) in a log directory: scalars
 * and PNG images per step, point TensorBoard at the directory ({@code tensorboard --logdir RUN_DIR/tb}).
 * Each event is flushed as written, so a killed run keeps what it logged.
 */
public final class EventWriter implements AutoCloseable {
    public static final String FILE_VERSION = "brain.Event:2";

    private final Path file;
    private final OutputStream out;

    private EventWriter(Path file) throws IOException {
        this.file = file;
        this.out = new BufferedOutputStream(Files.newOutputStream(file, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE));
        write(Event.newBuilder().setWallTime(now()).setFileVersion(FILE_VERSION).build());
    }

    /** A new event file in {@code logDir} (created if needed). */
    public static EventWriter open(Path logDir) throws IOException {
        Files.createDirectories(logDir);
        long secs = System.currentTimeMillis() / 1000;
        String host = host();
        Path f = logDir.resolve("events.out.tfevents." + secs + "." + host);
        for (int i = 2; Files.exists(f); i++) {
            f = logDir.resolve("events.out.tfevents." + secs + "." + host + "." + i);
        }
        return new EventWriter(f);
    }

    public Path file() {
        return file;
    }

    public void scalar(String tag, double value, long step) throws IOException {
        summary(step, Summary.Value.newBuilder().setTag(tag).setSimpleValue((float) value).build());
    }

    /** Several scalars of one step in one event, e.g. a metrics.jsonl row. */
    public void scalars(Map<String, Double> values, long step) throws IOException {
        Summary.Builder s = Summary.newBuilder();
        values.forEach((k, v) -> s.addValue(Summary.Value.newBuilder().setTag(k).setSimpleValue(v.floatValue())));
        write(Event.newBuilder().setWallTime(now()).setStep(step).setSummary(s).build());
    }

    /** An RGB picture (the sample grid, curves.png) as PNG. */
    public void image(String tag, BufferedImage image, long step) throws IOException {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        Summary.Image img = Summary.Image.newBuilder().setHeight(image.getHeight()).setWidth(image.getWidth())
                .setColorspace(3).setEncodedImageString(ByteString.copyFrom(png.toByteArray())).build();
        summary(step, Summary.Value.newBuilder().setTag(tag).setImage(img).build());
    }

    private void summary(long step, Summary.Value v) throws IOException {
        write(Event.newBuilder().setWallTime(now()).setStep(step).setSummary(Summary.newBuilder().addValue(v)).build());
    }

    private synchronized void write(Event e) throws IOException {
        TfRecord.write(out, e.toByteArray());
        out.flush();
    }

    private static double now() {
        return System.currentTimeMillis() / 1000.0;
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9.-]", "_");
        } catch (IOException e) {
            return "localhost";
        }
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
