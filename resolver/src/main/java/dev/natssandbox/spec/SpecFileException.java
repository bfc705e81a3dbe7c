package dev.natssandbox.spec;

import dev.natssandbox.model.InvalidSpecException;

/**
 * A spec file that cannot be used: unreadable, not valid YAML or JSON, an unknown key, a value of the wrong type,
 * or a value the model rejects. The message starts with where the problem is, compiler style:
 * <pre>
 * seed.yaml:14: accounts.TestAccount.users.TestClient.pubb: unknown key [pubb]; expected one of [pub, sub, …]
 * </pre>
 * {@link #where()} is that location ({@code source:line: path}, parts that are unknown left out).
 */
public final class SpecFileException extends InvalidSpecException {
    private static final long serialVersionUID = 1L;

    /** The spec file or resource. */
    private final String source;
    /** The line of the mistake, or 0. */
    private final int line;
    /** The spec path of the mistake, e.g. {@code accounts.A.users.u}. */
    private final String path;

    SpecFileException(String source, int line, String path, String message, Throwable cause) {
        super(location(source, line, path), message, cause);
        this.source = redactSeeds(source);
        this.line = line;
        this.path = path == null ? "" : redactSeeds(path);
    }

    /** @return {@code source:line: path}, parts that are unknown left out */
    static String location(String source, int line, String path) {
        StringBuilder b = new StringBuilder(source);
        if (line > 0) {
            b.append(':').append(line);
        }
        if (path != null && !path.isEmpty()) {
            b.append(": ").append(path);
        }
        return b.toString();
    }

    /**
     * @return the file, resource ({@code classpath:…}) or name given to {@link SpecFiles#parse}
     */
    public String source() {
        return source;
    }

    /**
     * @return the 1-based line of the problem, or 0 when it concerns the whole file
     */
    public int line() {
        return line;
    }

    /**
     * @return the path of the bad value in the spec, e.g. {@code accounts.A.users.U.pub.allow[0]}; empty when the
     *         problem concerns the whole file
     */
    public String path() {
        return path;
    }
}
