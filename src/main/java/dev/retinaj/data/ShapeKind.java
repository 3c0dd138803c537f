package dev.retinaj.data;

import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;

/** The classes of the generated shapes set, in class-index order (alphabetical, as readers sort names). */
public enum ShapeKind {
    CIRCLE, CROSS, SQUARE, TRIANGLE;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * The outline centred on the origin, rotated by {@code angle} radians and scaled so that the
     * longer side of its bounding box is {@code size}.
     */
    public Shape geometry(double size, double angle) {
        Shape unit = switch (this) {
            case CIRCLE -> new Ellipse2D.Double(-0.5, -0.5, 1, 1);
            case SQUARE -> new Rectangle2D.Double(-0.5, -0.5, 1, 1);
            case TRIANGLE -> polygon(new double[] {0, -0.5, 0.433, 0.25, -0.433, 0.25});
            case CROSS -> polygon(new double[] {
                -0.17, -0.5, 0.17, -0.5, 0.17, -0.17, 0.5, -0.17, 0.5, 0.17, 0.17, 0.17,
                0.17, 0.5, -0.17, 0.5, -0.17, 0.17, -0.5, 0.17, -0.5, -0.17, -0.17, -0.17});
        };
        Shape rotated = this == CIRCLE ? unit : AffineTransform.getRotateInstance(angle).createTransformedShape(unit);
        Rectangle2D b = rotated.getBounds2D();
        double s = size / Math.max(b.getWidth(), b.getHeight());
        AffineTransform t = AffineTransform.getScaleInstance(s, s);
        t.translate(-b.getCenterX(), -b.getCenterY());
        return t.createTransformedShape(rotated);
    }

    private static Shape polygon(double[] xy) {
        Path2D.Double p = new Path2D.Double();
        p.moveTo(xy[0], xy[1]);
        for (int i = 2; i < xy.length; i += 2) {
            p.lineTo(xy[i], xy[i + 1]);
        }
        p.closePath();
        return p;
    }
}
