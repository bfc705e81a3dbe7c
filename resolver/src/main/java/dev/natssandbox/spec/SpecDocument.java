package dev.natssandbox.spec;

import dev.natssandbox.model.SandboxSpec;

import java.util.List;
import java.util.Objects;

/**
 * Everything a spec file says: the sandbox itself and the expectations of its {@code expect:} block, which are not
 * part of the sandbox (they are checked against it).
 *
 * <pre>{@code
 * SpecDocument doc = SpecFiles.loadDocument("specs/seed.yaml");
 * doc.spec();          // as SpecFiles.load gives it
 * doc.expectations();  // in file order: per user, pub before sub, allow before deny
 * }</pre>
 *
 * @param spec         the sandbox
 * @param expectations the {@code expect:} entries, empty when the file has none
 */
public record SpecDocument(SandboxSpec spec, List<Expectation> expectations) {
    /**
     * Requires the spec; copies the list.
     *
     * @param spec         the sandbox
     * @param expectations the {@code expect:} entries, empty when the file has none
     */
    public SpecDocument {
        Objects.requireNonNull(spec, "spec");
        expectations = expectations == null ? List.of() : List.copyOf(expectations);
    }

    /**
     * @param spec a sandbox
     * @return a document with the spec and no expectations
     */
    public static SpecDocument of(SandboxSpec spec) {
        return new SpecDocument(spec, List.of());
    }
}
