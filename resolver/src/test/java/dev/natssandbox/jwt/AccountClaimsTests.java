package dev.natssandbox.jwt;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AccountClaimsTests {

    private static AccountClaims withExportsAndImports(List<Export> exports, List<Import> imports) {
        return AccountClaims.builder().imports(imports).exports(exports).build();
    }

    private static Import imp(String subject, ExportType type) {
        return Import.builder("A", subject, type).name(subject).build();
    }

    @Test
    void exportsAndImportsAreKeptInSubjectOrderAsTheReferenceEncodesThem() {
        AccountClaims claims = withExportsAndImports(
                List.of(Export.of("z", "svc.z", ExportType.SERVICE), Export.of("a", "news.>", ExportType.STREAM),
                        Export.of("m", "b.c", ExportType.STREAM)),
                List.of(imp("x.y", ExportType.SERVICE), imp("a.b", ExportType.STREAM)));
        assertEquals(List.of("b.c", "news.>", "svc.z"), claims.exports().stream().map(Export::subject).toList());
        assertEquals(List.of("a.b", "x.y"), claims.imports().stream().map(Import::subject).toList());
    }

    @Test
    void equalSubjectsKeepTheirOrder() {
        AccountClaims claims = withExportsAndImports(
                List.of(Export.of("second", "same", ExportType.SERVICE), Export.of("first", "same",
                        ExportType.STREAM)), List.of());
        assertEquals(List.of("second", "first"), claims.exports().stream().map(Export::name).toList());
    }

    @Test
    void subjectsCompareByCodePointAsGoComparesUtf8Bytes() {
        // U+FF21 sorts before U+1F600 by code point (and UTF-8 bytes) but after it by UTF-16 unit.
        AccountClaims claims = withExportsAndImports(
                List.of(Export.of("emoji", "\uD83D\uDE00", ExportType.STREAM),
                        Export.of("fullwidth", "\uFF21", ExportType.STREAM)), List.of());
        assertEquals(List.of("fullwidth", "emoji"), claims.exports().stream().map(Export::name).toList());
    }

    @Test
    void encodingWritesExportsInSubjectOrder() {
        String nats = Jwts.natsJson(withExportsAndImports(
                List.of(Export.of("z", "z.z", ExportType.STREAM), Export.of("a", "a.a", ExportType.STREAM)),
                List.of()));
        assertTrue(nats.indexOf("\"a.a\"") < nats.indexOf("\"z.z\""), nats);
    }

    @Test
    void signingKeysAreKeptInKeyOrderAsTheyAreWritten() {
        AccountClaims claims = AccountClaims.builder()
                .signingKeys(List.of(new SigningKey("AZ", null), new SigningKey("AB", new UserScope("r", null, ""))))
                .build();
        assertEquals(List.of("AB", "AZ"), claims.signingKeys().stream().map(SigningKey::key).toList());
    }

    @Test
    void mapKeysAreWrittenInGoOrderToo() {
        // encoding/json sorts map keys as Go strings: U+FF21 before U+1F600, the other way round from a TreeMap's
        // default UTF-16 order.
        Map<String, List<WeightedMapping>> mappings = Map.of(
                "\uD83D\uDE00", List.of(new WeightedMapping("e", 100, "")),
                "\uFF21", List.of(new WeightedMapping("f", 100, "")));
        AccountClaims claims = AccountClaims.builder().mappings(mappings).build();

        assertEquals(List.of("\uFF21", "\uD83D\uDE00"), List.copyOf(claims.mappings().keySet()));
        String nats = Jwts.natsJson(claims);
        assertTrue(nats.indexOf("\uFF21") < nats.indexOf("\uD83D\uDE00"), nats);
    }
}
