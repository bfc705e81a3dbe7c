package dev.natssandbox.spec;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's "A complete example" is a valid spec, and the very one the schema tests use. */
class ReadmeSpecExampleTests {
    private static final Path README = Path.of("..", "README.md");

    @Test
    void theCompleteExampleIsTheTestedFullSpec() throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        int section = readme.indexOf("### A complete example");
        assertTrue(section >= 0, "README.md has a section \"A complete example\"");
        int start = readme.indexOf("```yaml\n", section) + "```yaml\n".length();
        int end = readme.indexOf("\n```\n", start) + 1;
        String example = readme.substring(start, end);

        SpecDocument fromReadme = SpecFiles.parseDocument(example, SpecFormat.YAML, "README.md");
        SpecDocument tested = SpecFiles.loadDocument("classpath:specs/full.yaml");

        assertEquals(tested.spec(), fromReadme.spec());
        // Expectations say where they are written; the rest must be equal.
        assertEquals(tested.expectations().stream().map(ReadmeSpecExampleTests::withoutWhere).toList(),
                fromReadme.expectations().stream().map(ReadmeSpecExampleTests::withoutWhere).toList());
        assertTrue(fromReadme.expectations().get(0).where().startsWith("README.md:"),
                fromReadme.expectations().get(0).where());
    }

    private static Expectation withoutWhere(Expectation e) {
        return new Expectation(e.account(), e.user(), e.action(), e.subject(), e.queue(), e.allowed(), "");
    }
}
