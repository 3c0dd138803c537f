package dev.retinaj.data;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** DOM helpers for VOC annotation XML: a parser without DTDs or entities, child lookup, typed text. */
final class VocXml {
    private VocXml() {}

    static DocumentBuilder newBuilder() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            DocumentBuilder db = f.newDocumentBuilder();
            db.setErrorHandler(new org.xml.sax.helpers.DefaultHandler()); // throws on fatal errors, prints nothing
            return db;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The parser's complaint in one line; a refused DOCTYPE is said so, not by the parser's feature URL. */
    static String reason(org.xml.sax.SAXException e) {
        String m = VocReader.oneLine(e.getMessage());
        return m.contains("DOCTYPE is disallowed") ? "a DOCTYPE (DTDs and entities are not allowed in annotation XML)" : m;
    }

    static Element child(Element e, String tag) {
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c && c.getTagName().equals(tag)) {
                return c;
            }
        }
        return null;
    }

    /** A {@code <width>}/{@code <height>} in pixels (rounded), 0 if absent (then read from the image). */
    static int pixels(Element e, String tag) {
        double v = number(e, tag, 0);
        if (!(v >= 0 && v <= 1 << 20)) {
            throw new IllegalArgumentException("<" + tag + "> is not an image size in pixels: " + text(e, tag).trim());
        }
        return (int) Math.round(v);
    }

    static String text(Element e, String tag) {
        Element c = child(e, tag);
        return c == null ? null : c.getTextContent();
    }

    static double number(Element e, String tag, double missing) {
        String t = text(e, tag);
        if (t == null || t.isBlank()) {
            if (Double.isNaN(missing)) {
                throw new IllegalArgumentException("<" + tag + "> missing");
            }
            return missing;
        }
        try {
            return Double.parseDouble(t.trim());
        } catch (NumberFormatException ex) {
            throw new IllegalArgumentException("<" + tag + "> is not a number: '" + t.trim() + "'");
        }
    }
}
