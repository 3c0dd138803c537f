package dev.retinaj.data;

import dev.retinaj.util.BadFileException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retinaj.config.DataConfig.OnBadSample;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A truncated JPEG or PNG is a counted problem at load time and a decode error later, never a grey image. */
class ImageIntegrityTest {
    @TempDir
    Path tmp;

    /** Noise compresses badly: a 400×300 noise JPEG is far bigger than the tail the check reads. */
    static byte[] noise(String format, int w, int h) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Random r = new Random(7);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, r.nextInt());
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, format, out);
        return out.toByteArray();
    }

    private Path write(String name, byte[] b) throws IOException {
        return Files.write(tmp.resolve(name), b);
    }

    @Test
    void completeFilesPassAndCutFilesAreNamed() throws Exception {
        byte[] big = noise("jpeg", 400, 300);
        byte[] small = noise("jpeg", 40, 30);
        byte[] png = noise("png", 60, 40);
        assertTrue(big.length > 10 * ImageIntegrity.TAIL, "big enough to exercise the tail read: " + big.length);
        assertNull(ImageIntegrity.problem(write("big.jpg", big)));
        assertNull(ImageIntegrity.problem(write("small.jpg", small)));
        assertNull(ImageIntegrity.problem(write("p.png", png)));
        byte[] trailer = Arrays.copyOf(big, big.length + 100_000); // data appended after the end marker
        assertNull(ImageIntegrity.problem(write("trailer.jpg", trailer)));
        for (byte[] b : List.of(big, small)) {
            for (int cut : new int[] {b.length / 2, b.length - 2, 200}) {
                assertEquals("truncated JPEG (no end-of-image marker)",
                        ImageIntegrity.problem(write("cut.jpg", Arrays.copyOf(b, cut))), "cut at " + cut);
            }
        }
        byte[] garbled = small.clone(); // header and end marker intact, noise between
        Arrays.fill(garbled, 64, garbled.length - 2, (byte) 0x55);
        assertEquals("corrupt JPEG (its segments do not lead to the end-of-image marker)",
                ImageIntegrity.problem(write("garbled.jpg", garbled)));
        assertEquals("truncated PNG (no IEND chunk)", ImageIntegrity.problem(write("cut.png", Arrays.copyOf(png, png.length / 2))));
        assertEquals("truncated PNG (no IEND chunk)", ImageIntegrity.problem(write("cut2.png", Arrays.copyOf(png, png.length - 4))));
        assertEquals("not a JPEG file (its first bytes say otherwise)", ImageIntegrity.problem(write("text.jpg", "hello".getBytes())));
        assertNull(ImageIntegrity.problem(write("x.bmp", "BM".getBytes())), "other formats are left to the decoder");
    }

    @Test
    void theDecoderRefusesATruncatedJpegInsteadOfFillingItGrey() throws Exception {
        byte[] big = noise("jpeg", 400, 300);
        assertEquals(400, ImageDecoder.decode(write("ok.jpg", big)).width());
        IOException e = assertThrows(IOException.class,
                () -> ImageDecoder.decode(write("half.jpg", Arrays.copyOf(big, big.length / 2))));
        assertTrue(e.getMessage().contains("Missing EOI marker"), e.getMessage());
        byte[] png = noise("png", 60, 40);
        assertThrows(IOException.class, () -> ImageDecoder.decode(write("half.png", Arrays.copyOf(png, png.length / 2))));
    }

    @Test
    void readersSkipOrFailOnTruncatedImagesPerOnBadSample() throws Exception {
        Path json = ContainmentTest.coco(tmp.resolve("set"), "a.jpg", "b.jpg");
        Files.createDirectories(tmp.resolve("set/val"));
        byte[] big = noise("jpeg", 400, 300);
        Files.write(tmp.resolve("set/val/a.jpg"), big);
        Files.write(tmp.resolve("set/val/b.jpg"), Arrays.copyOf(big, big.length / 2));
        List<CocoReader.Part> parts = List.of(new CocoReader.Part(json, tmp.resolve("set/val")));
        LoadedSplit s = CocoReader.read(parts, null, true, new BadSamples(OnBadSample.SKIP));
        assertEquals(List.of("a"), s.records().stream().map(DetectionRecord::name).toList());
        assertEquals(1, s.report().skipped());
        assertEquals(List.of(tmp.resolve("set/val/b.jpg") + ": truncated JPEG (no end-of-image marker)"),
                s.report().firstSkipped());
        BadFileException e = assertThrows(BadFileException.class, () -> CocoReader.read(parts, null, true, new BadSamples(OnBadSample.FAIL)));
        assertTrue(e.getMessage().contains("b.jpg: truncated JPEG"), e.getMessage());

        Path y = DataFixtures.yolo(tmp);
        byte[] png = noise("png", 64, 64);
        Files.write(y.resolve("images/train/img2.png"), Arrays.copyOf(png, png.length / 2));
        LoadedSplit ys = YoloReader.read(y.resolve("data.yaml"), List.of("train"), null, BadSamples.collecting());
        assertEquals(List.of("img1", "img4"), ys.records().stream().map(DetectionRecord::name).toList());
        assertTrue(ys.report().firstSkipped().get(0).endsWith("img2.png: truncated PNG (no IEND chunk)"));

        Path devkit = DataFixtures.voc(tmp);
        Path jpg = devkit.resolve("VOC2007/JPEGImages/000005.jpg");
        Files.write(jpg, Arrays.copyOf(Files.readAllBytes(jpg), (int) Files.size(jpg) / 2));
        LoadedSplit vs = VocReader.read(devkit, List.of("VOC2007/trainval"), null, BadSamples.collecting());
        assertEquals(List.of("000007"), vs.records().stream().map(DetectionRecord::name).toList());
    }
}
