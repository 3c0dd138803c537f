package dev.retinaj.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retinaj.TestFiles;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xml.sax.SAXParseException;

/**
 * VocXml's parser refuses a DOCTYPE, so neither an external entity (XXE: a file outside the data
 * set read into the annotation) nor nested entities (billion laughs) are ever expanded.
 */
class VocXmlTest {
    private static final String SECRET = "TOP-SECRET-42";
    @TempDir
    Path dir;

    private static String annotation(String doctype, String name) {
        return "<?xml version=\"1.0\"?>\n" + doctype + "\n<annotation><filename>a.jpg</filename><object><name>" + name
                + "</name></object></annotation>";
    }

    /** The parser's message, and what a data set's problem list says of it. */
    private String parseError(String xml) throws Exception {
        Path f = TestFiles.write(dir, "a.xml", xml);
        SAXParseException e = assertThrows(SAXParseException.class, () -> VocXml.newBuilder().parse(f.toFile()));
        assertFalse(e.getMessage().contains(SECRET), e.getMessage());
        assertEquals("a DOCTYPE (DTDs and entities are not allowed in annotation XML)", VocXml.reason(e));
        return e.getMessage();
    }

    @Test
    void anExternalEntityIsRejectedUnread() throws Exception {
        Path secret = TestFiles.write(dir, "outside/secret.txt", SECRET);
        String msg = parseError(annotation("<!DOCTYPE annotation [<!ENTITY leak SYSTEM \"" + secret.toUri() + "\">]>",
                "&leak;"));
        assertTrue(msg.contains("DOCTYPE"), msg);
        Path dtd = TestFiles.write(dir, "outside/evil.dtd", "<!ENTITY leak SYSTEM \"" + secret.toUri() + "\">");
        assertTrue(parseError(annotation("<!DOCTYPE annotation SYSTEM \"" + dtd.toUri() + "\">", "&leak;")).contains("DOCTYPE"));
    }

    @Test
    void nestedEntitiesAreRejectedUnexpanded() throws Exception {
        StringBuilder lol = new StringBuilder("<!DOCTYPE annotation [<!ENTITY lol0 \"lol\">");
        for (int i = 1; i <= 9; i++) {
            lol.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
        }
        String msg = parseError(annotation(lol + "]>", "&lol9;"));
        assertTrue(msg.contains("DOCTYPE"), msg);
    }

    @Test
    void aPlainAnnotationStillParses() throws Exception {
        Path f = TestFiles.write(dir, "a.xml", annotation("", "thing"));
        assertEquals("thing", VocXml.newBuilder().parse(f.toFile()).getElementsByTagName("name").item(0).getTextContent());
    }
}
