package dev.natssandbox.spec;

import dev.natssandbox.NatsSandboxException;
import dev.natssandbox.keys.KeyKind;
import dev.natssandbox.keys.NatsKeyPair;
import dev.natssandbox.model.AccountSpec;
import dev.natssandbox.model.ImportSpec;
import dev.natssandbox.model.SandboxSpec;
import dev.natssandbox.model.UserSpec;
import dev.natssandbox.jwt.ExportType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static dev.natssandbox.SecretAssertions.assertNoSecret;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A seed pasted where a name, key, subject or any other value belongs is never echoed by the error that refuses
 * it: every error path of the spec reader and the model is tried with a seed (of each kind) as the bad value.
 */
class SeedInErrorsTests {
    /** Seeds of every nkey kind, plus a curve seed shape ({@code SX…}), as users might paste them. */
    static List<String> seeds() {
        List<String> seeds = new ArrayList<>();
        for (KeyKind kind : List.of(KeyKind.USER, KeyKind.ACCOUNT, KeyKind.OPERATOR)) {
            seeds.add(new String(NatsKeyPair.generate(kind).seed()));
        }
        seeds.add("SXAG" + "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".repeat(2).substring(0, 54));
        return seeds;
    }

    /** Spec texts with {@code %s} where the seed goes; each one is refused. */
    static final List<String> SPECS = List.of(
            "operator: {name: T}\naccounts: {A: {revocations: {%s: 1}}}",
            "operator: {name: T}\naccounts: {A: {users: {u: {signing_key: %s}}}}",
            "operator: {name: T}\naccounts: {A: {imports: [{account: %s, subject: x, type: stream}]}}",
            "operator: {name: T}\naccounts: {%s/x: {}}",
            "operator: {name: T}\naccounts: {A: {users: {\" %s\": {}}}}",
            "operator: {name: '.%s'}",
            "operator: {name: T}\naccounts: {A: {users: {u: {pub: {allow: ['%s..x']}}}}}",
            "operator: {name: T}\naccounts: {A: {users: {u: {sub: {allow: ['a %s b']}}}}}",
            "operator: {name: T}\naccounts: {A: {exports: [{subject: '%s.>.x', type: stream}]}}",
            "operator: {name: T}\n%s: 1",
            "operator: {name: T}\naccounts: {A: {%s: 1}}",
            "operator: {name: T}\naccounts: {A: {users: {u: {%s: 1}}}}",
            "operator: {name: T}\naccounts: {A: {limits: {subs: %s}}}",
            "operator: {name: T}\naccounts: {A: {users: {u: {src: [%s]}}}}",
            "operator: {name: T}\naccounts: {A: {users: {u: {times: [{start: %s, end: '17:00:00'}]}}}}",
            "operator: {name: T}\naccounts: {A: {users: {u: {times: [{start: '08:00:00', end: '17:00:00'}], "
                    + "times_location: %s}}}}",
            "operator: {name: T}\naccounts: {A: {info_url: %s}}",
            "operator: {name: T}\naccounts: {A: {signing_keys: [%s, %s]}}",
            "operator: {name: T}\nsystem_account: '%s '",
            "operator: {name: T, service_urls: ['%s']}",
            "operator: {name: T, assert_server_version: %s}",
            "operator: {name: T}\naccounts: {A: {exports: [{subject: x, type: %s}]}}",
            "operator: {name: T}\naccounts: {A: {users: {u: {allowed_connection_types: [%s]}}}}",
            "operator: {name: T}\naccounts: {A: {users: {u: {expires: %s}}}}",
            "operator: {name: T}\naccounts: {A: {mappings: {'%s..a': b}}}",
            "operator: {name: T}\naccounts: {A: {users: {u: {}}}}\nexpect: [{user: %s, pub: x}]",
            "{\"operator\": {\"name\": \"T\"}, \"%s\": [}",
            "operator: {name: T}\naccounts: {A: [%s}");

    static Stream<Object[]> specsWithSeeds() {
        List<Object[]> cases = new ArrayList<>();
        for (String seed : seeds()) {
            for (int i = 0; i < SPECS.size(); i++) {
                cases.add(new Object[]{i, seed});
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "spec {0}")
    @MethodSource("specsWithSeeds")
    void specErrorsNeverQuoteTheSeed(int index, String seed) {
        String text = SPECS.get(index).replace("%s", seed);
        SpecFormat format = text.startsWith("{") ? SpecFormat.JSON : SpecFormat.YAML;
        SpecFileException e = assertThrows(SpecFileException.class,
                () -> SpecFiles.parseDocument(text, format, "s.yaml"), text);
        assertNoSecret(seed, e);
        assertNoSecret(seed, e.path());
    }

    @Test
    void builderErrorsNeverQuoteTheSeed() {
        for (String seed : seeds()) {
            List<Executable> paths = List.of(
                    () -> SandboxSpec.operator(seed + "/"),
                    () -> AccountSpec.builder(seed + ":").build(),
                    () -> UserSpec.builder("." + seed).build(),
                    () -> UserSpec.builder("u").allowPub(seed + "..x").build(),
                    () -> UserSpec.builder("u").signingKey(seed + "/").build(),
                    () -> UserSpec.builder("u").sourceNetwork(seed).build(),
                    () -> UserSpec.builder("u").time(seed, "17:00:00").build(),
                    () -> UserSpec.builder("u").timesLocation(seed).build(),
                    () -> SandboxSpec.operator("T").account("A", a -> a.importService(seed, "x")).build(),
                    () -> SandboxSpec.operator("T").account("A", a -> a.infoUrl(seed)).build(),
                    () -> SandboxSpec.operator("T").account("A", a -> a.user("u", u -> u.signingKey(seed))).build(),
                    () -> SandboxSpec.operator("T").account("A", a -> a.importing(
                            ImportSpec.builder("B", "x", ExportType.STREAM).localSubject(seed + ".>").build())).build(),
                    () -> SandboxSpec.operator("T").build().account(seed));
            for (Executable path : paths) {
                NatsSandboxException e = assertThrows(NatsSandboxException.class, path);
                assertNoSecret(seed, e);
                assertTrue(e.getMessage().contains("<redacted seed>"), e.getMessage());
            }
        }
    }

    @Test
    void publicKeysAndOrdinaryWordsAreNotRedacted() {
        String account = NatsKeyPair.generate(KeyKind.ACCOUNT).publicKey();
        String text = "key [" + account + "] subject [SUBSCRIPTIONS.ALL] name [SAMPLE_ACCOUNT]";
        assertEquals(text, NatsSandboxException.redactSeeds(text));
    }
}
