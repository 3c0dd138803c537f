package dev.retinaj.cli;

import picocli.CommandLine;

/** {@code retinaj --version}: the jar's version. */
public final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Main.class.getPackage().getImplementationVersion();
        return new String[] {"retinaj " + (v == null ? "(development build)" : v)};
    }
}
