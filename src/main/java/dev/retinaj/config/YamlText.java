package dev.retinaj.config;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** Text checks around YAML parsing that turn parser failures into one clean line (configs, YOLO data.yaml). */
public final class YamlText {
    /** "java.io.CharConversionException: " and the like, which parser messages sometimes carry. */
    private static final Pattern EXCEPTION_PREFIX = Pattern.compile("(?:[a-z]\\w*\\.)+[A-Z]\\w*(?:Exception|Error): ");

    private YamlText() {}

    /**
     * Why {@code bytes} are not UTF-8 text (naming the line of the first bad byte), or null if they
     * are; files starting with a UTF-16/32 byte-order mark are left to the parser.
     */
    public static String notUtf8(byte[] bytes) {
        if (bytes.length >= 2 && ((bytes[0] & 0xFF) == 0xFE || (bytes[0] & 0xFF) == 0xFF || bytes[0] == 0)) {
            return null;
        }
        CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CoderResult r = dec.decode(in, CharBuffer.allocate(bytes.length + 1), true);
        if (!r.isError()) {
            return null;
        }
        int at = in.position();
        int line = 1;
        for (int i = 0; i < at; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return String.format("not UTF-8 text (byte 0x%02X at line %d); save the file as UTF-8", bytes[at] & 0xFF, line);
    }

    /** The first line of a parser message, without exception class names. */
    public static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return EXCEPTION_PREFIX.matcher(line).replaceAll("").trim();
    }
}
