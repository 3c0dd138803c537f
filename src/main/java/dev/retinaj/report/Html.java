package dev.retinaj.report;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Base64;
import javax.imageio.ImageIO;

/** Small HTML building blocks: escaping and pictures inlined as base64 data URIs. */
final class Html {
    private Html() {}

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    static String img(BufferedImage image, String alt) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        ImageIO.write(image, "png", buf);
        return "<img alt=\"" + esc(alt) + "\" width=\"" + image.getWidth() + "\" height=\"" + image.getHeight()
                + "\" src=\"data:image/png;base64," + Base64.getEncoder().encodeToString(buf.toByteArray()) + "\">";
    }

    static String num(double v) {
        return v < 0 ? "&ndash;" : String.format(java.util.Locale.ROOT, "%.4f", v);
    }

    /**
     * Writes into the page, once everything has loaded, how many images it has and how many decoded:
     * {@code <body data-images="N" data-loaded="M">}, which a headless browser's DOM dump shows.
     */
    static final String LOAD_CHECK = "<script>window.addEventListener('load', function () {"
            + " var imgs = Array.prototype.slice.call(document.images);"
            + " document.body.setAttribute('data-images', String(imgs.length));"
            + " document.body.setAttribute('data-loaded', String(imgs.filter(function (i) {"
            + " return i.complete && i.naturalWidth > 0; }).length)); });</script>";

    static final String STYLE = "<style>body{font-family:sans-serif;margin:24px;color:#222;max-width:1500px}"
            + "h1{font-size:22px}h2{font-size:18px;border-bottom:1px solid #ccc;padding-bottom:4px;margin-top:32px}"
            + "table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ccc;padding:3px 10px;text-align:right}"
            + "td:first-child,th:first-child{text-align:left}pre{background:#f6f6f6;padding:10px;overflow:auto;"
            + "max-height:420px;font-size:12px}.grid{display:flex;flex-wrap:wrap;gap:12px}"
            + "figure{margin:0}figcaption{font-size:12px;color:#444}.pr img{width:480px}img{max-width:100%;height:auto}</style>";
}
