package dev.natssandbox.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.natssandbox.spec.SpecFiles;
import dev.natssandbox.spec.SpecFormat;

/**
 * {@link SpecFiles#parseDocument} on any text, as YAML and as JSON: a spec or an {@code InvalidInputException}
 * (syntax, unknown key, bad value, model rule), nothing else.
 */
class SpecReaderFuzzTests {
    @FuzzTest(maxDuration = FuzzSupport.MAX_DURATION)
    void parse(byte[] data) {
        String text = FuzzSupport.text(data);
        FuzzSupport.expectOnlyRefusals(() -> SpecFiles.parseDocument(text, SpecFormat.YAML, "fuzz.yaml"));
        FuzzSupport.expectOnlyRefusals(() -> SpecFiles.parseDocument(text, SpecFormat.JSON, "fuzz.json"));
    }
}
