package dev.natssandbox.internal.config;

import dev.natssandbox.InvalidInputException;
import dev.natssandbox.NatsSandboxException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The decentralized-auth parts of a nats-server configuration file, as written by nats-sandbox or by
 * {@code nsc generate config --mem-resolver}: the operator JWT (inline or a path), the system account, the resolver
 * and the preloaded accounts. Only these keys are read; everything else in the file is ignored.
 *
 * @param operatorJwt   the operator JWT (read from the file when the config gives a path)
 * @param systemAccount the system account public key, or empty
 * @param resolver      the resolver value, e.g. {@code MEMORY} or {@code URL(http://…)}
 * @param preload       preloaded account JWTs by public key, in file order
 */
public record ParsedServerConfig(String operatorJwt, String systemAccount, String resolver,
                                 Map<String, String> preload) {
    private static final Pattern OPERATOR = Pattern.compile("(?m)^\\s*operator\\s*[:=]\\s*(\"[^\"]*\"|'[^']*'|\\S+)");
    private static final Pattern SYSTEM = Pattern.compile("(?m)^\\s*system_account\\s*[:=]\\s*\"?([A-Z0-9]+)\"?");
    private static final Pattern RESOLVER = Pattern.compile("(?m)^\\s*resolver\\s*[:=]\\s*(.+?)\\s*$");
    private static final Pattern PRELOAD = Pattern.compile("(?s)resolver_preload\\s*[:=]?\\s*\\{(.*?)\\}");
    private static final Pattern ENTRY = Pattern.compile(
            "(?m)^\\s*\"?(A[A-Z2-7]{55})\"?\\s*[:=]\\s*\"?([A-Za-z0-9_\\-]+\\.[A-Za-z0-9_\\-]+\\.[A-Za-z0-9_\\-]+)\"?");

    /** Copies the preload map. */
    public ParsedServerConfig {
        preload = Collections.unmodifiableMap(new LinkedHashMap<>(preload));
    }

    /**
     * @param file a configuration file
     * @return its decentralized-auth parts
     * @throws InvalidInputException when the file has no operator
     */
    public static ParsedServerConfig read(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toAbsolutePath().getParent(),
                    file.toString());
        } catch (IOException e) {
            throw new NatsSandboxException("cannot read server configuration [" + file + "]: "
                    + dev.natssandbox.internal.util.InputFiles.reason(e), e);
        }
    }

    /**
     * @param text    configuration text
     * @param baseDir directory relative operator paths are resolved against
     * @param where   the file name, for messages
     * @return its decentralized-auth parts
     * @throws InvalidInputException when the text has no operator
     */
    public static ParsedServerConfig parse(String text, Path baseDir, String where) {
        String stripped = stripComments(text);
        Matcher op = OPERATOR.matcher(stripped);
        if (!op.find()) {
            throw new InvalidInputException(where, "no operator found; a decentralized-auth configuration has "
                    + "'operator: <JWT or path>'", null);
        }
        String value = unquote(op.group(1));
        String operatorJwt = value;
        if (value.chars().filter(c -> c == '.').count() != 2 || value.contains("/")) {
            Path path;
            try {
                path = Path.of(value);
                if (!path.isAbsolute() && baseDir != null) {
                    path = baseDir.resolve(path);
                }
            } catch (InvalidPathException e) {
                throw new InvalidInputException(where, "operator [" + value + "] is neither a JWT nor a file path ("
                        + e.getReason() + "); give the operator JWT or the path of a file holding it", e);
            }
            try {
                operatorJwt = Files.readString(path, StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new InvalidInputException(where, "operator file [" + path + "] cannot be read: "
                        + dev.natssandbox.internal.util.InputFiles.reason(e), e);
            }
        }
        Matcher sys = SYSTEM.matcher(stripped);
        String system = sys.find() ? sys.group(1) : "";
        Matcher res = RESOLVER.matcher(stripped);
        String resolver = res.find() ? res.group(1) : "";
        Map<String, String> preload = new LinkedHashMap<>();
        Matcher block = PRELOAD.matcher(stripped);
        if (block.find()) {
            Matcher e = ENTRY.matcher(block.group(1));
            while (e.find()) {
                preload.put(e.group(1), e.group(2));
            }
        }
        return new ParsedServerConfig(operatorJwt, system, resolver, preload);
    }

    private static String stripComments(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (String line : text.split("\n", -1)) {
            String t = line.stripLeading();
            if (t.startsWith("#") || t.startsWith("//")) {
                out.append('\n');
            } else {
                out.append(line).append('\n');
            }
        }
        return out.toString();
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("'") && s.endsWith("'"))) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }
}
