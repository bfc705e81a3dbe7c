package dev.natssandbox.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.natssandbox.creds.Creds;

/** {@link Creds#parse} on any text: creds or a {@code CredsFormatException}, nothing else. */
class CredsParserFuzzTests {
    @FuzzTest(maxDuration = FuzzSupport.MAX_DURATION)
    void parse(byte[] data) {
        FuzzSupport.expectOnlyRefusals(() -> Creds.parse(FuzzSupport.text(data), "fuzz.creds"));
    }
}
