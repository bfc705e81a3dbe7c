package dev.natssandbox.model;

import dev.natssandbox.jwt.Export;
import dev.natssandbox.jwt.ExportType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SandboxSpecTests {
    @Test
    void aSystemAccountWithUserSysIsAddedWhenNotDeclared() {
        SandboxSpec spec = SandboxSpec.operator("O").account("A", a -> a.user("U")).build();

        assertEquals("SYS", spec.systemAccount());
        assertEquals(List.of("A", "SYS"), spec.accounts().stream().map(AccountSpec::name).toList());
        assertEquals(List.of("sys"), spec.systemAccountSpec().users().stream().map(UserSpec::name).toList());
        assertEquals(SandboxSpec.DEFAULT_SYSTEM_USER, spec.systemAccountSpec().users().get(0).name());
    }

    @Test
    void aDeclaredSystemAccountWithoutUsersGetsUserSys() {
        SandboxSpec spec = SandboxSpec.operator("O").systemAccount("Ops").account("Ops", a -> a.description("mine"))
                .build();
        assertEquals("Ops", spec.systemAccount());
        assertEquals(1, spec.accounts().size());
        assertEquals("mine", spec.systemAccountSpec().description());
        assertEquals(List.of("sys"), spec.systemAccountSpec().users().stream().map(UserSpec::name).toList());
    }

    @Test
    void aDeclaredSystemAccountKeepsItsOwnUsers() {
        SandboxSpec spec = SandboxSpec.operator("O").account("SYS", a -> a.user("admin")).build();
        assertEquals(List.of("admin"), spec.systemAccountSpec().users().stream().map(UserSpec::name).toList());
    }

    @Test
    void aBlankSystemAccountNameMeansTheDefault() {
        SandboxSpec spec = SandboxSpec.builder(OperatorSpec.named("O")).systemAccount(" ").server(null).build();
        assertEquals("SYS", spec.systemAccount());
        assertEquals(ServerSpec.DEFAULT, spec.server());
    }

    @Test
    void unknownAccountsAreListed() {
        SandboxSpec spec = SandboxSpec.operator("O").account("A").build();
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> spec.account("B"));
        assertEquals("accounts: no account [B] in sandbox; accounts are: [A, SYS]", e.getMessage());
    }

    @Test
    void importsOfExportedSubjectsOfTheSameTypeAreAccepted() {
        SandboxSpec spec = SandboxSpec.operator("O")
                .account("B", b -> b.exportStream("x.>").exportService("svc.*"))
                .account("A", a -> a.importStream("B", "x.>").importStream("B", "x.y.z").importService("B", "svc.a"))
                .build();
        assertEquals(3, spec.account("A").imports().size());
        Export found = SandboxSpec.findExport(spec.account("B"), "svc.a", ExportType.SERVICE).orElseThrow();
        assertEquals("svc.*", found.subject());
        assertTrue(SandboxSpec.findExport(spec.account("B"), "svc.a", ExportType.STREAM).isEmpty());
    }

    @Test
    void importFromAnUnknownAccount() {
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> SandboxSpec.operator("O")
                .account("A", a -> a.importStream("Nope", "x")).build());
        assertEquals("accounts.A.imports[0].account", e.where());
        assertEquals("accounts.A.imports[0].account: no account [Nope] to import from; accounts are: [A, SYS]",
                e.getMessage());
    }

    @Test
    void importOfASubjectThatIsNotExported() {
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> SandboxSpec.operator("O")
                .account("B", b -> b.exportStream("x.>").exportService("s"))
                .account("A", a -> a.importStream("B", "x.a").importStream("B", "y")).build());
        assertEquals("accounts.A.imports[1]", e.where());
        assertEquals("accounts.A.imports[1]: account [B] exports no stream containing [y]; its exports are: "
                + "[stream x.>, service s]. Add the export or fix the subject or type", e.getMessage());
    }

    @Test
    void importWiderThanTheExport() {
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> SandboxSpec.operator("O")
                .account("B", b -> b.exportStream("x.a"))
                .account("A", a -> a.importStream("B", "x.>")).build());
        assertEquals("accounts.A.imports[0]: account [B] exports no stream containing [x.>]; its exports are: "
                + "[stream x.a]. Add the export or fix the subject or type", e.getMessage());
    }

    @Test
    void importOfTheWrongType() {
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> SandboxSpec.operator("O")
                .account("B", b -> b.exportStream("x.>"))
                .account("A", a -> a.importService("B", "x.a")).build());
        assertEquals("accounts.A.imports[0]: account [B] exports no service containing [x.a]; its exports are: "
                + "[stream x.>]. Add the export or fix the subject or type", e.getMessage());
    }

    @Test
    void importFromAnAccountWithoutExports() {
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> SandboxSpec.operator("O")
                .account("B").account("A", a -> a.importStream("B", "x")).build());
        assertTrue(e.getMessage().endsWith("its exports are: none. Add the export or fix the subject or type"),
                e.getMessage());
    }

    @Test
    void importFromItself() {
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> SandboxSpec.operator("O")
                .account("A", a -> a.exportStream("x").importStream("A", "x")).build());
        assertEquals("accounts.A.imports[0].account: account [A] imports from itself; import from another account",
                e.getMessage());
    }

    @Test
    void theBuilderAddsToAndReplacesAccountsAndUsersByName() {
        SandboxSpec spec = SandboxSpec.operator("O")
                .account("A", a -> a.user("U", u -> u.allowPub("a")))
                .account("A", a -> a.user("U", u -> u.allowPub("b")).user("V"))
                .build();
        AccountSpec a = spec.account("A");
        assertEquals(List.of("U", "V"), a.users().stream().map(UserSpec::name).toList());
        assertEquals(List.of("a", "b"), a.user("U").orElseThrow().limits().pub().allow());

        SandboxSpec fewer = spec.withAccount(a.toBuilder().removeUser("V").build());
        assertEquals(List.of("U"), fewer.account("A").users().stream().map(UserSpec::name).toList());
        assertEquals(spec, spec.toBuilder().build());
    }

    @Test
    void operatorAndServerSettingsAreChecked() {
        assertEquals("operator.signing_keys: signing key count [17] must be between 0 and 16",
                assertThrows(InvalidSpecException.class, () -> SandboxSpec.operator("O").operatorSigningKeys(17))
                        .getMessage());
        assertEquals("operator.strict_signing_keys: strict signing key usage needs at least one signing key; set "
                + "signing_keys: 1 or more", assertThrows(InvalidSpecException.class,
                () -> OperatorSpec.builder("O").strictSigningKeyUsage(true).build()).getMessage());
        assertEquals("operator.service_urls[0]: service URL [http://x] must use nats://, tls://, ws:// or "
                + "wss://; write it like nats://host:4222", assertThrows(InvalidSpecException.class,
                () -> OperatorSpec.builder("O").serviceUrls(List.of("http://x")).build()).getMessage());
        assertEquals("operator.assert_server_version: version [2.9] must look like 2.9.0",
                assertThrows(InvalidSpecException.class,
                        () -> OperatorSpec.builder("O").assertServerVersion("2.9").build()).getMessage());
        assertEquals("server.port: port [70000] must be -1 (any free port) or between 0 and 65535",
                assertThrows(InvalidSpecException.class, () -> SandboxSpec.operator("O").port(70000)).getMessage());
        assertEquals("server.host: host [a b] is not a host name or IP address",
                assertThrows(InvalidSpecException.class,
                        () -> ServerSpec.builder().host("a b").port(4222).build()).getMessage());
        assertEquals("operator.tags[1]: tag is empty", assertThrows(InvalidSpecException.class,
                () -> OperatorSpec.builder("O").tags(List.of("a", " ")).build()).getMessage());
    }

    @Test
    void mappingWeightsAreBetweenZeroAndHundred() {
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> AccountSpec.builder("A")
                .mapping("m", List.of(new dev.natssandbox.jwt.WeightedMapping("n", 101, ""))).build());
        assertEquals("accounts.A.mappings.m: weight [101] must be between 0 and 100", e.getMessage());
    }

    @Test
    void revocationsAreKeptSorted() {
        AccountSpec a = AccountSpec.builder("A").revocation("UB", 2).revocation("UA", 1).build();
        assertEquals(List.of("UA", "UB"), List.copyOf(a.revocations().keySet()));
        assertEquals(Map.of("UA", 1L, "UB", 2L), a.revocations());
    }
}
