package dev.natssandbox.spec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads YAML or JSON text into {@link Node}s with Jackson's streaming parser. Deliberate choices:
 * <ul>
 *   <li>YAML 1.1 words ({@code yes}, {@code no}, {@code on}, {@code off}) stay strings; only {@code true} and
 *   {@code false} are booleans.</li>
 *   <li>A key without a value ({@code key:}), {@code ~} and {@code null} are null; a quoted {@code ""} is the
 *   empty string.</li>
 *   <li>A key twice in one map, a YAML alias ({@code *name}) and a second YAML document are errors.</li>
 * </ul>
 */
final class TreeParser {
    private static final YAMLFactory YAML = YAMLFactory.builder()
            .loaderOptions(loaderOptions())
            .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
            .enable(YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS)
            .build();
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private final String source;
    private final SpecFormat format;

    /** Room for every spec SpecFiles lets through, so that its size limit, not the parser's, is the one users meet. */
    private static org.yaml.snakeyaml.LoaderOptions loaderOptions() {
        org.yaml.snakeyaml.LoaderOptions options = new org.yaml.snakeyaml.LoaderOptions();
        options.setCodePointLimit(SpecFiles.MAX_SPEC_BYTES + 1);
        return options;
    }

    private TreeParser(String source, SpecFormat format) {
        this.source = source;
        this.format = format;
    }

    /**
     * @param text   the document
     * @param format how to parse it
     * @param source the file or resource name for errors
     * @return the root, or {@code null} when the document is empty (no content, only comments, or null)
     * @throws SpecFileException on a syntax error, a duplicate key, an alias or a second document
     */
    static Node parse(String text, SpecFormat format, String source) {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        return new TreeParser(source, format).run(body);
    }

    private Node run(String text) {
        try (JsonParser p = (format == SpecFormat.JSON ? JSON : YAML).createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                return null;
            }
            Node root = value(p, t, "");
            JsonToken more = p.nextToken();
            if (more != null) {
                throw new SpecFileException(source, p.currentTokenLocation().getLineNr(), "", format == SpecFormat.YAML
                        ? "the file holds more than one YAML document (a second '---'); put the whole spec in one"
                        : "there is more content after the JSON object; a spec is one JSON object", null);
            }
            return root instanceof Node.Scalar s && s.isNull() ? null : root;
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            // The parser's exception quotes the input (a seed pasted in, say): keep only the redacted explanation.
            throw new SpecFileException(source, line, "", "not valid " + format + ": " + syntaxProblem(e)
                    + "; fix the syntax at that line", null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Keeps the parser's explanation and drops the code excerpt and caret lines it adds. */
    private static String syntaxProblem(JsonProcessingException e) {
        String raw = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        return raw.lines().filter(l -> !l.startsWith("    ")).map(String::strip)
                .filter(l -> !l.isEmpty() && !l.equals("^") && !l.startsWith("in '") && !l.startsWith("at ["))
                .collect(Collectors.joining(" "));
    }

    private Node value(JsonParser p, JsonToken t, String path) throws IOException {
        int line = p.currentTokenLocation().getLineNr();
        if (p instanceof YAMLParser y && y.isCurrentAlias()) {
            throw new SpecFileException(source, line, path, "YAML alias [*" + p.getText() + "] is not supported; "
                    + "write the value out instead of referring to an anchor", null);
        }
        return switch (t) {
            case START_OBJECT -> map(p, path, line);
            case START_ARRAY -> list(p, path, line);
            case VALUE_STRING -> new Node.Scalar(Node.Kind.STRING, p.getText(), line);
            case VALUE_NUMBER_INT -> new Node.Scalar(Node.Kind.INTEGER, p.getText(), line);
            case VALUE_NUMBER_FLOAT -> new Node.Scalar(Node.Kind.DECIMAL, p.getText(), line);
            case VALUE_TRUE, VALUE_FALSE -> new Node.Scalar(Node.Kind.BOOLEAN, p.getText(), line);
            case VALUE_NULL -> new Node.Scalar(Node.Kind.NULL, "null", line);
            default -> throw new SpecFileException(source, line, path, "unsupported value [" + p.getText()
                    + "] (" + t + "); use a string, number, boolean, list or map", null);
        };
    }

    private Node map(JsonParser p, String path, int line) throws IOException {
        Map<String, Node> entries = new LinkedHashMap<>();
        Map<String, Integer> keyLines = new LinkedHashMap<>();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_OBJECT) {
            String key = p.currentName();
            int keyLine = p.currentTokenLocation().getLineNr();
            String at = ReadContext.child(path, key);
            if (entries.containsKey(key)) {
                throw new SpecFileException(source, keyLine, at, "duplicate key [" + key + "]; it is already set "
                        + "at line " + keyLines.get(key) + ". Keep one of them", null);
            }
            keyLines.put(key, keyLine);
            entries.put(key, value(p, p.nextToken(), at));
        }
        return new Node.MapNode(entries, keyLines, line);
    }

    private Node list(JsonParser p, String path, int line) throws IOException {
        List<Node> items = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            items.add(value(p, t, ReadContext.index(path, items.size())));
        }
        return new Node.ListNode(items, line);
    }
}
