package dev.retinaj.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class JsonErrorsTest {
    private static String reason(String json) {
        return JsonErrors.reason(assertThrows(JsonProcessingException.class, () -> new ObjectMapper().readTree(json)));
    }

    @Test
    void theParsersFeatureHintsAreLeftOut() {
        assertEquals("Non-standard token 'NaN'", reason("[1, NaN]"));
        assertEquals("Invalid numeric value: Leading zeroes not allowed", reason("[007]"));
    }

    @Test
    void otherMessagesKeepTheirFirstLine() {
        String r = reason("[1, 2");
        assertEquals(r.lines().findFirst().orElseThrow(), r);
        assertEquals("Unexpected end-of-input: expected close marker for Array (start marker at line: 1, column: 1)", r);
    }
}
