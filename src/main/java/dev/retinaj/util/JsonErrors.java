package dev.retinaj.util;

import com.fasterxml.jackson.core.JsonProcessingException;

/** A JSON parser's complaint as the user should read it: one line, without the parser's own configuration hints. */
public final class JsonErrors {
    private JsonErrors() {}

    /**
     * The first line of the parser's message, less a hint such as "enable `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS`
     * to allow" (a switch of the library, not of this program): "Non-standard token 'NaN'"; a location inside it
     * is only its line and column, without "[Source: REDACTED (`StreamReadFeature...` disabled); ...]".
     */
    public static String reason(JsonProcessingException e) {
        String m = e.getOriginalMessage();
        if (m == null) {
            return "malformed";
        }
        int nl = m.indexOf('\n');
        m = nl < 0 ? m : m.substring(0, nl);
        return m.replaceAll(":? *\\(?(enable|Enable) `[^`]*` (feature )?to allow\\)?", "")
                .replaceAll("\\[Source: [^;\\]]*; (line: \\d+, column: \\d+)\\]", "$1").trim();
    }
}
