package dev.natssandbox.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.natssandbox.internal.config.ParsedServerConfig;

import java.nio.file.Path;

/** {@link ParsedServerConfig#parse} on any text: a config or a refusal, nothing else. */
class ServerConfigReaderFuzzTests {
    /** Relative paths in a fuzzed config (an operator file) resolve here, where nothing exists. */
    private static final Path NOWHERE = Path.of("/nonexistent/nats-sandbox-fuzz");

    @FuzzTest(maxDuration = FuzzSupport.MAX_DURATION)
    void parse(byte[] data) {
        FuzzSupport.expectOnlyRefusals(() -> ParsedServerConfig.parse(FuzzSupport.text(data), NOWHERE,
                "fuzz.conf"));
    }
}
