package dev.natssandbox.conformance;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * The payload fields this project writes that nats-io/jwt v2.3.0 (the version the Go tests compile against) does
 * not have yet; they came with later versions of the reference library. A v2.3.0 decode drops them, so they are
 * removed from our payload before comparing it with what v2.3.0 re-marshals. Nothing else is removed.
 *
 * <ul>
 *   <li>{@code nats.authorization} (account; auth callout, always written as {@code {}} by the reference)</li>
 *   <li>{@code nats.proxy_required} (user) and {@code nats.signing_keys[].template.proxy_required} (scope)</li>
 *   <li>{@code nats.signing_keys[].description} (scope)</li>
 * </ul>
 */
final class HeadOnlyFields {
    static final Set<String> PATHS = Set.of("nats.authorization", "nats.proxy_required",
            "nats.signing_keys[].template.proxy_required", "nats.signing_keys[].description");

    private static final JsonFactory FACTORY = new JsonFactory();

    private HeadOnlyFields() {
    }

    /**
     * @param json compact JSON (no whitespace), as the reference writes it
     * @return the same text without the fields in {@link #PATHS}, byte for byte otherwise
     */
    static String strip(String json) {
        List<int[]> spans = new ArrayList<>();
        try (JsonParser p = FACTORY.createParser(json)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.FIELD_NAME && PATHS.contains(path(p.getParsingContext()))) {
                    int start = (int) p.currentTokenLocation().getCharOffset();
                    JsonToken value = p.nextToken();
                    if (value.isScalarValue()) {
                        p.getText(); // finishes a lazily read string, so that the location is past its end
                    }
                    p.skipChildren();
                    int end = (int) p.currentLocation().getCharOffset();
                    spans.add(new int[] {start, end});
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + e.getMessage(), e);
        }
        StringBuilder out = new StringBuilder(json);
        for (int i = spans.size() - 1; i >= 0; i--) {
            int start = spans.get(i)[0];
            int end = spans.get(i)[1];
            if (json.charAt(start - 1) == ',') {
                start--;
            } else if (end < json.length() && json.charAt(end) == ',') {
                end++;
            }
            out.delete(start, end);
        }
        return out.toString();
    }

    /** The dotted path of the field the parser is on, with {@code []} for array elements. */
    private static String path(JsonStreamContext ctx) {
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext c = ctx; c != null && !c.inRoot(); c = c.getParent()) {
            parts.push(c.inArray() ? "[]" : "." + c.getCurrentName());
        }
        String joined = String.join("", parts);
        return joined.startsWith(".") ? joined.substring(1) : joined;
    }
}
