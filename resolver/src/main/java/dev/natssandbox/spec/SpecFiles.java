package dev.natssandbox.spec;

import dev.natssandbox.model.SandboxSpec;
import dev.natssandbox.internal.util.InputFiles;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads and writes spec files: a {@link SandboxSpec} as YAML or JSON (one schema, described in
 * {@code README.md, "Spec files"}), and the file's {@code expect:} block as a {@link SpecDocument}.
 *
 * <pre>{@code
 * SandboxSpec spec = SpecFiles.load("classpath:seed-basics.yaml");
 * SandboxSpec same = SpecFiles.read(Path.of("src/test/resources/seed-basics.yaml"));
 * String yaml = SpecFiles.write(spec);
 * }</pre>
 *
 * <p>Every failure is a {@link SpecFileException} whose message starts with {@code source:line: path}: unreadable
 * or missing files, YAML or JSON syntax, duplicate keys, unknown keys, values of the wrong type, and whatever the
 * model rejects (bad subjects, imports of unknown accounts …).
 */
public final class SpecFiles {
    /** Prefix of {@link #load} locations that name a classpath resource. */
    public static final String CLASSPATH_PREFIX = "classpath:";
    /**
     * The largest spec accepted, in bytes (1 MiB, room for several thousand accounts): a larger file or text is
     * refused before it is parsed, so that a wrong file fails at once instead of filling the memory.
     */
    public static final int MAX_SPEC_BYTES = 1024 * 1024;
    /**
     * The longest line of a YAML spec, in characters: the YAML parser takes seconds over one very long scalar, so a
     * longer line is refused before parsing. JSON, often written on one line, has no such limit.
     */
    public static final int MAX_YAML_LINE = 64 * 1024;

    private SpecFiles() {
    }

    /**
     * Reads a spec file; {@code .yaml}, {@code .yml} and {@code .json} name the format, any other name is sniffed
     * (JSON when the text starts with <code>{</code>).
     *
     * @param file the spec file
     * @return the spec
     * @throws SpecFileException when the file cannot be read or is not a valid spec
     */
    public static SandboxSpec read(Path file) {
        return readDocument(file).spec();
    }

    /**
     * As {@link #read(Path)}, with the expectations of the file's {@code expect:} block.
     *
     * @param file the spec file
     * @return the spec and its expectations
     * @throws SpecFileException when the file cannot be read or is not a valid spec
     */
    public static SpecDocument readDocument(Path file) {
        String source = file.toString();
        byte[] bytes = InputFiles.read(file, "spec file", MAX_SPEC_BYTES,
                message -> new SpecFileException(source, 0, "", message, null));
        String name = file.getFileName() == null ? source : file.getFileName().toString();
        return parseDocument(decode(bytes, source), SpecFormat.ofFileName(name).orElse(null), source,
                Clock.systemUTC());
    }

    /**
     * Reads a spec from the classpath: the thread's context class loader first, then the one that loaded this
     * class. The format follows the extension, as for {@link #read}.
     *
     * @param resource a resource name such as {@code specs/seed-basics.yaml} (a leading {@code /} is ignored)
     * @return the spec
     * @throws SpecFileException when no such resource exists or it is not a valid spec
     */
    public static SandboxSpec readClasspath(String resource) {
        return readClasspathDocument(resource).spec();
    }

    private static SpecDocument readClasspathDocument(String resource) {
        String name = resource.startsWith("/") ? resource.substring(1) : resource;
        String source = CLASSPATH_PREFIX + name;
        List<ClassLoader> loaders = new ArrayList<>();
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        if (context != null) {
            loaders.add(context);
        }
        if (SpecFiles.class.getClassLoader() != context) {
            loaders.add(SpecFiles.class.getClassLoader());
        }
        for (ClassLoader loader : loaders) {
            URL url = loader == null ? ClassLoader.getSystemResource(name) : loader.getResource(name);
            if (url != null) {
                try (InputStream in = url.openStream()) {
                    byte[] bytes = in.readNBytes(MAX_SPEC_BYTES + 1);
                    if (bytes.length > MAX_SPEC_BYTES) {
                        throw new SpecFileException(source, 0, "", InputFiles.tooLarge("resource", ">"
                                + MAX_SPEC_BYTES, MAX_SPEC_BYTES), null);
                    }
                    return parseDocument(decode(bytes, source),
                            SpecFormat.ofFileName(name).orElse(null), source, Clock.systemUTC());
                } catch (IOException e) {
                    throw new SpecFileException(source, 0, "", "resource [" + url + "] cannot be read ("
                            + InputFiles.reason(e) + ")", null);
                }
            }
        }
        throw new SpecFileException(source, 0, "", "no resource [" + name + "] on the classpath; looked in "
                + loaders.stream().map(String::valueOf).toList() + ". Put the file under src/test/resources (or "
                + "src/main/resources) and name it relative to that directory", null);
    }

    /**
     * Reads a spec from a location: {@code classpath:name} for a resource ({@link #readClasspath}), anything else
     * is a file path ({@link #read}).
     *
     * @param location e.g. {@code classpath:seed-basics.yaml} or {@code specs/sandbox.yaml}
     * @return the spec
     * @throws SpecFileException when the location cannot be read or is not a valid spec
     */
    public static SandboxSpec load(String location) {
        return loadDocument(location).spec();
    }

    /**
     * As {@link #load(String)}, with the expectations of the file's {@code expect:} block (see
     * {@link Expectation}).
     *
     * @param location e.g. {@code classpath:seed-basics.yaml} or {@code specs/sandbox.yaml}
     * @return the spec and its expectations
     * @throws SpecFileException when the location cannot be read or is not a valid spec, including an
     *                           {@code expect:} entry that names no user of the spec or expects a publish to a
     *                           wildcard subject
     */
    public static SpecDocument loadDocument(String location) {
        Objects.requireNonNull(location, "location");
        if (location.startsWith(CLASSPATH_PREFIX)) {
            return readClasspathDocument(location.substring(CLASSPATH_PREFIX.length()));
        }
        return readDocument(Path.of(location));
    }

    /**
     * Parses spec text.
     *
     * @param text       the spec
     * @param format     its format, or {@code null} to sniff (JSON when the text starts with <code>{</code>)
     * @param sourceName what to call the text in error messages, e.g. a file name; {@code null} for
     *                   {@code <string>}
     * @return the spec
     * @throws SpecFileException when the text is not a valid spec
     */
    public static SandboxSpec parse(String text, SpecFormat format, String sourceName) {
        return parseDocument(text, format, sourceName).spec();
    }

    /**
     * As {@link #parse(String, SpecFormat, String)}, with the expectations of the {@code expect:} block.
     *
     * @param text       the spec
     * @param format     its format, or {@code null} to sniff
     * @param sourceName what to call the text in error messages; {@code null} for {@code <string>}
     * @return the spec and its expectations
     * @throws SpecFileException when the text is not a valid spec
     */
    public static SpecDocument parseDocument(String text, SpecFormat format, String sourceName) {
        return parseDocument(text, format, sourceName == null ? "<string>" : sourceName, Clock.systemUTC());
    }

    /** As {@link #parse(String, SpecFormat, String)}, with the clock that relative {@code not_before} use. */
    static SandboxSpec parse(String text, SpecFormat format, String sourceName, Clock clock) {
        return parseDocument(text, format, sourceName, clock).spec();
    }

    /** As {@link #parseDocument(String, SpecFormat, String)}, with the clock that relative times use. */
    static SpecDocument parseDocument(String text, SpecFormat format, String sourceName, Clock clock) {
        Objects.requireNonNull(text, "text");
        // Characters, not bytes: counting them is free, and a text within the limit in bytes is within it here.
        if (text.length() > MAX_SPEC_BYTES) {
            throw new SpecFileException(sourceName, 0, "", InputFiles.tooLarge("spec text", text.length()
                    + " characters", MAX_SPEC_BYTES), null);
        }
        SpecFormat f = format == null ? SpecFormat.sniff(text) : format;
        if (f == SpecFormat.YAML) {
            checkLineLengths(text, sourceName);
        }
        ReadContext ctx = new ReadContext(sourceName, clock);
        return SpecReader.read(TreeParser.parse(text, f, sourceName), ctx);
    }

    /**
     * Writes a spec as YAML, leaving out values that are defaults. Reading the result back gives an equal spec.
     *
     * @param spec the spec
     * @return YAML text
     */
    public static String write(SandboxSpec spec) {
        return write(spec, SpecFormat.YAML);
    }

    /**
     * Writes a spec in the given format, leaving out values that are defaults. Reading the result back gives an
     * equal spec.
     *
     * @param spec   the spec
     * @param format YAML or JSON
     * @return the text
     */
    public static String write(SandboxSpec spec, SpecFormat format) {
        return write(SpecDocument.of(Objects.requireNonNull(spec, "spec")), format);
    }

    /**
     * Writes a spec and its expectations (as an {@code expect:} block) in the given format, leaving out values
     * that are defaults. Reading the result back gives an equal spec and the same expectations (apart from
     * {@link Expectation#where()}, which then names the new text).
     *
     * @param document the spec and its expectations
     * @param format   YAML or JSON
     * @return the text
     */
    public static String write(SpecDocument document, SpecFormat format) {
        return SpecWriter.write(Objects.requireNonNull(document, "document"),
                Objects.requireNonNull(format, "format"));
    }

    private static void checkLineLengths(String text, String source) {
        int line = 1;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == '\n') {
                if (i - start > MAX_YAML_LINE) {
                    throw new SpecFileException(source, line, "", "line of " + (i - start) + " characters is longer "
                            + "than the " + MAX_YAML_LINE + " a YAML spec line may have; wrap the value over several "
                            + "lines or write the spec as JSON", null);
                }
                line++;
                start = i + 1;
            }
        }
    }

    private static String decode(byte[] bytes, String source) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new SpecFileException(source, 0, "", "spec file is not UTF-8 text; save it as UTF-8", e);
        }
    }
}
