package dev.natssandbox.internal.config;

import dev.natssandbox.InvalidInputException;
import dev.natssandbox.model.ResolverType;
import dev.natssandbox.model.SandboxSpec;
import dev.natssandbox.model.ServerSpec;
import dev.natssandbox.provision.AccountIdentity;
import dev.natssandbox.provision.Hierarchy;
import dev.natssandbox.provision.Provisioner;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServerConfigTests {
    private static final Pattern PRELOAD = Pattern.compile("(?m)^  (A[A-Z2-7]{55}): (\\S+)$");

    private final Hierarchy h = Provisioner.provision(SandboxSpec.operator("Test")
            .account("A", a -> a.user("a"))
            .account("B")
            .account("C")
            .server(ServerSpec.builder().port(4333).extraConfig("max_payload: 2MB\n").build())
            .build());

    private static List<String[]> preloads(String config) {
        List<String[]> out = new ArrayList<>();
        Matcher m = PRELOAD.matcher(config);
        while (m.find()) {
            out.add(new String[]{m.group(1), m.group(2)});
        }
        return out;
    }

    @Test
    void namesTheOperatorTheSystemAccountAndTheMemoryResolver() {
        String config = ServerConfig.builder(h).render();

        assertTrue(config.contains("\noperator: " + h.operator().jwt() + "\n"), config);
        assertTrue(config.contains("// Operator \"Test\"\n"), config);
        assertTrue(config.contains("\nsystem_account: " + h.systemAccount().publicKey() + "\n"), config);
        assertTrue(config.contains("\nresolver: MEMORY\n"), config);
        assertTrue(config.contains("\nresolver_preload: {\n"), config);
        assertFalse(config.contains("URL("), config);
        assertFalse(config.contains("jetstream"), config);
    }

    @Test
    void preloadsEveryAccountTheSystemAccountIncludedSortedByPublicKey() {
        String config = ServerConfig.builder(h).render();
        List<String[]> preloads = preloads(config);

        List<AccountIdentity> sorted = h.accounts().stream()
                .sorted(Comparator.comparing(AccountIdentity::publicKey)).toList();
        assertEquals(4, sorted.size());
        assertEquals(sorted.size(), preloads.size(), config);
        for (int i = 0; i < sorted.size(); i++) {
            assertEquals(sorted.get(i).publicKey(), preloads.get(i)[0]);
            assertEquals(sorted.get(i).jwt(), preloads.get(i)[1]);
            assertTrue(config.contains("  // Account \"" + sorted.get(i).name() + "\"\n  " + sorted.get(i).publicKey()
                    + ": "), config);
        }
        assertTrue(preloads.stream().anyMatch(p -> p[0].equals(h.systemAccount().publicKey())));
    }

    @Test
    void listensWhereTheSpecSaysUnlessOverridden() {
        String fromSpec = ServerConfig.builder(h).render();
        assertTrue(fromSpec.contains("\nhost: \"127.0.0.1\"\nport: 4333\n"), fromSpec);

        String overridden = ServerConfig.builder(h).host("::1").port(-1).serverName("sandbox 1").render();
        assertTrue(overridden.contains("server_name: \"sandbox 1\"\nhost: \"::1\"\nport: -1\n"), overridden);
    }

    @Test
    void aJetStreamBlockWithAQuotedStoreDirectory() {
        Path dir = Path.of("/tmp/with space/and \"quote\"");
        String config = ServerConfig.builder(h).jetStream(dir).render();
        assertTrue(config.contains("\njetstream: {\n  store_dir: \"/tmp/with space/and \\\"quote\\\"\"\n}\n"),
                config);
    }

    @Test
    void extraConfigurationIsAppendedLast() {
        String config = ServerConfig.builder(h).render();
        assertTrue(config.endsWith("\n# extra configuration\nmax_payload: 2MB\n"), config);

        String replaced = ServerConfig.builder(h).jetStream(Path.of("/js")).extra("  debug: true  \n").render();
        assertTrue(replaced.endsWith("}\n\n# extra configuration\ndebug: true\n"), replaced);
        assertFalse(replaced.contains("max_payload"), replaced);

        String none = ServerConfig.builder(h).extra(null).render();
        assertFalse(none.contains("extra configuration"), none);
        assertTrue(none.endsWith("}\n"), none);
    }

    @Test
    void theUrlResolverReplacesThePreload() {
        String config = ServerConfig.builder(h).urlResolver("http://127.0.0.1:9090/jwt/v1/accounts/").render();
        assertTrue(config.contains("\nresolver: URL(http://127.0.0.1:9090/jwt/v1/accounts/)\n"), config);
        assertFalse(config.contains("resolver_preload"), config);
        assertFalse(config.contains("MEMORY"), config);
        assertTrue(preloads(config).isEmpty());
        assertTrue(config.contains("\nsystem_account: " + h.systemAccount().publicKey() + "\n"), config);
    }

    @Test
    void theOperatorCanBeReferencedByPath() {
        String config = ServerConfig.builder(h).operatorFile(Path.of("/etc/nats/Test.jwt")).render();
        assertTrue(config.contains("\noperator: \"/etc/nats/Test.jwt\"\n"), config);
        assertFalse(config.contains(h.operator().jwt()), config);
    }

    @Test
    void aBadPortIsRefused() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> ServerConfig.builder(h).port(65536));
        assertEquals("port [65536] must be -1 (any free port) or 0-65535", e.getMessage());
    }

    @Test
    void quotingEscapesWhatTheConfigFormatNeedsEscaped() {
        assertEquals("\"plain\"", ServerConfig.quote("plain"));
        assertEquals("\"\"", ServerConfig.quote(""));
        assertEquals("\"a\\\"b\\\\c\\nd\\te\\rf\"", ServerConfig.quote("a\"b\\c\nd\te\rf"));
        assertEquals("\"C:\\\\nats\\\\js\"", ServerConfig.quote("C:\\nats\\js"));
        assertEquals("\"ünï $x {y}\"", ServerConfig.quote("ünï $x {y}"));
    }

    @Test
    void toStringIsTheRenderedText() {
        ServerConfig config = ServerConfig.builder(h).build();
        assertEquals(config.render(), config.toString());
    }
}
