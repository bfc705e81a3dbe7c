package dev.natssandbox.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.natssandbox.jwt.Jwts;

/** {@link Jwts#decode} on any text: a decoded token or a {@code JwtException}, nothing else. */
class JwtDecoderFuzzTests {
    @FuzzTest(maxDuration = FuzzSupport.MAX_DURATION)
    void decode(byte[] data) {
        FuzzSupport.expectOnlyRefusals(() -> Jwts.decode(FuzzSupport.text(data)));
    }
}
