package dev.retinaj.config;

/**
 * How the shapes generator draws ({@code data.shapes.style}, {@code data shapes --style}): {@code demo},
 * the demo's drawing; {@code hard}: occlusion, rotation, blur, tiny difficult objects.
 */
public enum ShapesStyle { DEMO, HARD }
