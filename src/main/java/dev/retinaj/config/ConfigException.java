package dev.retinaj.config;

/** A problem with a configuration: always reported as one line, exit code 2. */
public final class ConfigException extends RuntimeException {
    private final String path;

    public ConfigException(String message) {
        this(null, message);
    }

    public ConfigException(String path, String message) {
        super(message);
        this.path = path;
    }

    /** Dotted config path the problem is about, or null. */
    public String path() {
        return path;
    }

    /** Thrown from record constructors; the binder prefixes the record's path. */
    public static ConfigException field(String key, String problem) {
        return new ConfigException(key, problem);
    }

    /** Same problem with its path placed under {@code prefix}. */
    public ConfigException under(String prefix, String source) {
        String full = prefix.isEmpty() ? path : (path == null ? prefix : prefix + "." + path);
        String where = source == null ? "" : source + ": ";
        return new ConfigException(full, where + (full == null ? "" : full + ": ") + getMessage());
    }
}
