package dev.natssandbox.junit;

import dev.natssandbox.creds.Creds;
import dev.natssandbox.provision.UserIdentity;
import dev.natssandbox.sandbox.Sandbox;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ParameterResolutionException;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static dev.natssandbox.junit.FixtureSupport.assertIsUser;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** Everything a test can take from a sandbox, in every place it can take it. */
@RequiresNatsServer
class InjectionIT {
    static final String SPEC = NatsSandboxExtensionIT.SPEC;

    @Test
    void parametersOfTestAndLifecycleMethods() {
        FixtureRun run = FixtureRun.run(ParametersTestCase.class);
        run.assertAllSucceeded(6);
        run.assertNoLeftovers();
    }

    @Test
    void staticAndInstanceFields() {
        FixtureRun run = FixtureRun.run(FieldsTestCase.class);
        run.assertAllSucceeded(2);
        run.assertNoLeftovers();
    }

    @Test
    void usersNamedWithTheirAccount() {
        FixtureRun run = FixtureRun.run(QualifiedNamesTestCase.class);
        run.assertAllSucceeded(1);
        run.assertNoLeftovers();
    }

    @Nested
    class Failures {
        static final String USERS = "[alice, bob, sys]";

        @Test
        void unknownUserInParameter() {
            FixtureRun run = FixtureRun.run(UnknownUserParameterTestCase.class);
            assertEquals("[" + UnknownUserParameterTestCase.class.getName() + "]: No user [alise] in sandbox; users are: "
                    + USERS, run.configurationFailure().getMessage());
            assertEquals(1, run.reportedSandboxDirectories().size());
            run.deleteKeptAndAssertNoLeftovers();
        }

        @Test
        void unknownUserInField() {
            FixtureRun run = FixtureRun.run(UnknownUserFieldTestCase.class);
            assertEquals("[" + UnknownUserFieldTestCase.class.getName() + "]: No user [alise] in sandbox; users are: "
                    + USERS, run.configurationFailure().getMessage());
            run.deleteKeptAndAssertNoLeftovers();
        }

        @Test
        void ambiguousUser() {
            FixtureRun run = FixtureRun.run(AmbiguousUserTestCase.class);
            assertEquals("[" + AmbiguousUserTestCase.class.getName() + "]: User name [app] is ambiguous; name it with "
                    + "its account: [A/app, B/app]", run.configurationFailure().getMessage());
            run.deleteKeptAndAssertNoLeftovers();
        }

        @Test
        void unsupportedParameterType() {
            FixtureRun run = FixtureRun.run(WrongParameterTypeTestCase.class);
            assertEquals("[" + WrongParameterTypeTestCase.class.getName() + "]: can only resolve @NatsUser parameter of "
                    + "type " + TYPES + " but was: java.lang.String", run.configurationFailure().getMessage());
            run.deleteKeptAndAssertNoLeftovers();
        }

        @Test
        void unsupportedFieldType() {
            FixtureRun run = FixtureRun.run(WrongFieldTypeTestCase.class);
            assertEquals("[" + WrongFieldTypeTestCase.class.getName() + "]: can only resolve @NatsUser field [name] of "
                    + "type " + TYPES + " but was: java.lang.String", run.configurationFailure().getMessage());
            run.deleteKeptAndAssertNoLeftovers();
        }

        @Test
        void unsupportedServerUrlType() {
            FixtureRun run = FixtureRun.run(WrongServerUrlTypeTestCase.class);
            assertEquals("[" + WrongServerUrlTypeTestCase.class.getName() + "]: can only resolve @NatsServerUrl "
                    + "parameter of type java.lang.String or java.net.URI but was: int",
                    run.configurationFailure().getMessage());
            run.deleteKeptAndAssertNoLeftovers();
        }

        @Test
        void finalField() {
            FixtureRun run = FixtureRun.run(FinalFieldTestCase.class);
            assertEquals("[" + FinalFieldTestCase.class.getName() + "]: cannot inject into final field [alice]; remove "
                    + "'final'", run.configurationFailure().getMessage());
            run.deleteKeptAndAssertNoLeftovers();
        }

        @Test
        void extensionWithoutDeclaration() {
            FixtureRun run = FixtureRun.run(NoDeclarationTestCase.class);
            assertEquals("[" + NoDeclarationTestCase.class.getName() + "]: no @NatsSandbox on the test class or its "
                    + "enclosing classes; annotate it or register NatsSandboxExtension.builder()...build() with "
                    + "@RegisterExtension", run.configurationFailure().getMessage());
            run.assertNoLeftovers();
        }

        @Test
        void natsUserWithoutExtensionIsLeftToJUnit() {
            FixtureRun run = FixtureRun.run(NoExtensionTestCase.class);
            Throwable failure = run.singleFailure();
            assertInstanceOf(ParameterResolutionException.class, failure);
            assertEquals("No ParameterResolver registered for parameter [io.nats.client.Connection alice] in method "
                    + "[void " + NoExtensionTestCase.class.getName() + ".test(io.nats.client.Connection)].",
                    failure.getMessage());
        }
    }

    static final String TYPES = "io.nats.client.Connection, io.nats.client.Options, io.nats.client.Options.Builder, "
            + "java.nio.file.Path, dev.natssandbox.creds.Creds or dev.natssandbox.provision.UserIdentity";

    /** Publishes the sandbox before the test fails, so that the run can check what is left of it. */
    @NatsSandbox(spec = SPEC)
    abstract static class FailingTestCase {
        @BeforeAll
        static void publish(Sandbox sandbox, TestReporter reporter) {
            FixtureSupport.publish(reporter, sandbox);
        }
    }

    static class UnknownUserParameterTestCase extends FailingTestCase {
        @Test
        void test(@NatsUser("alise") Connection alise) {
        }
    }

    static class UnknownUserFieldTestCase extends FailingTestCase {
        @NatsUser("alise")
        Connection alise;

        @Test
        void test() {
        }
    }

    @NatsSandbox(accounts = {@Account(name = "A", users = @User(name = "app")),
            @Account(name = "B", users = @User(name = "app"))})
    static class AmbiguousUserTestCase extends FailingTestCase {
        @Test
        void test(@NatsUser("app") Connection app) {
        }
    }

    static class WrongParameterTypeTestCase extends FailingTestCase {
        @Test
        void test(@NatsUser("alice") String name) {
        }
    }

    static class WrongFieldTypeTestCase extends FailingTestCase {
        @NatsUser("alice")
        String name;

        @Test
        void test() {
        }
    }

    static class WrongServerUrlTypeTestCase extends FailingTestCase {
        @Test
        void test(@NatsServerUrl int port) {
        }
    }

    static class FinalFieldTestCase extends FailingTestCase {
        @NatsUser("alice")
        final Connection alice = null;

        @Test
        void test() {
        }
    }

    @ExtendWith(NatsSandboxExtension.class)
    static class NoDeclarationTestCase {
        @Test
        void test() {
        }
    }

    static class NoExtensionTestCase {
        @Test
        void test(@NatsUser("alice") Connection alice) {
        }
    }

    @NatsSandbox(spec = SPEC)
    static class ParametersTestCase {
        @BeforeAll
        static void beforeAll(@NatsUser("alice") Connection alice, Sandbox sandbox, TestReporter reporter)
                throws Exception {
            assertIsUser("TestAccount/alice", "alice.x", "bob.x", alice);
            FixtureSupport.publish(reporter, sandbox);
        }

        @BeforeEach
        void beforeEach(@NatsUser("bob") Connection bob) throws Exception {
            assertIsUser("TestAccount/bob", "bob.x", "alice.x", bob);
        }

        @Test
        void connection(@NatsUser("alice") Connection alice, @NatsUser("bob") Connection bob) throws Exception {
            assertIsUser("TestAccount/alice", "alice.x", "bob.x", alice);
            assertIsUser("TestAccount/bob", "bob.x", "alice.x", bob);
        }

        @Test
        void options(@NatsUser("alice") Options options, @NatsServerUrl String url) throws Exception {
            assertEquals(List.of(URI.create(url)), options.getServers());
            try (Connection own = Nats.connect(options)) {
                assertIsUser("TestAccount/alice", "alice.x", "bob.x", own);
            }
        }

        @Test
        void optionsBuilder(@NatsUser("bob") Options.Builder builder) throws Exception {
            try (Connection own = Nats.connect(builder.connectionName("bob's own").build())) {
                assertIsUser("bob's own", "bob.x", "alice.x", own);
            }
        }

        @Test
        void credsFile(@NatsUser("alice") Path creds, Sandbox sandbox, @NatsServerUrl String url) throws Exception {
            assertEquals(sandbox.credsFile("alice"), creds);
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(creds)));
            assertEquals(sandbox.hierarchy().user("alice").jwt(), Creds.read(creds).jwt());
            Options options = new Options.Builder().server(url).authHandler(Nats.credentials(creds.toString()))
                    .build();
            try (Connection own = Nats.connect(options)) {
                assertEquals(Connection.Status.CONNECTED, own.getStatus());
                own.publish("alice.x", new byte[0]);
                own.flush(java.time.Duration.ofSeconds(10));
            }
        }

        @Test
        void credsAndIdentity(@NatsUser("alice") Creds creds, @NatsUser("alice") UserIdentity identity) {
            assertEquals("TestAccount/alice", identity.qualifiedName());
            assertEquals(identity.jwt(), creds.jwt());
            assertEquals(identity.publicKey(), creds.userPublicKey());
            assertEquals(List.of("alice.>"), identity.claims().limits().permissions().pub().allow());
        }

        @Test
        void serverUrlAsStringAndUri(@NatsServerUrl String url, @NatsServerUrl URI uri, Sandbox sandbox) {
            assertEquals(sandbox.serverUrl(), url);
            assertEquals(URI.create(url), uri);
            assertEquals("nats", uri.getScheme());
            assertEquals(sandbox.port(), uri.getPort());
        }
    }

    @NatsSandbox(spec = SPEC)
    static class FieldsTestCase {
        @NatsUser("alice")
        static Connection staticAlice;
        @NatsServerUrl
        private static String staticUrl;
        @NatsUser("alice")
        private static Path staticCreds;

        @NatsUser("bob")
        Connection bob;
        @NatsUser("bob")
        private Options bobOptions;
        @NatsUser("bob")
        Options.Builder bobOptionsBuilder;
        @NatsUser("bob")
        Path bobCreds;
        @NatsUser("bob")
        Creds bobCredsInMemory;
        @NatsUser("bob")
        UserIdentity bobIdentity;
        @NatsServerUrl
        URI uri;

        @Test
        void staticFields(Sandbox sandbox, TestReporter reporter) throws Exception {
            assertIsUser("TestAccount/alice", "alice.x", "bob.x", staticAlice);
            assertEquals(sandbox.serverUrl(), staticUrl);
            assertEquals(sandbox.credsFile("alice"), staticCreds);
            FixtureSupport.publish(reporter, sandbox);
        }

        @Test
        void instanceFields(Sandbox sandbox) throws Exception {
            assertIsUser("TestAccount/bob", "bob.x", "alice.x", bob);
            assertEquals("TestAccount/bob", bobOptions.getConnectionName());
            assertEquals(List.of(URI.create(sandbox.serverUrl())), bobOptions.getServers());
            assertEquals("TestAccount/bob", bobOptionsBuilder.build().getConnectionName());
            assertEquals(sandbox.credsFile("bob"), bobCreds);
            assertEquals(bobIdentity.jwt(), bobCredsInMemory.jwt());
            assertArrayEquals(bobIdentity.keyPair().seed(), bobCredsInMemory.seed());
            assertEquals(URI.create(sandbox.serverUrl()), uri);
        }
    }

    @NatsSandbox(accounts = {
            @Account(name = "A", users = @User(name = "app", allowPub = "a.>")),
            @Account(name = "B", users = @User(name = "app", allowPub = "b.>"))})
    static class QualifiedNamesTestCase {
        @Test
        void sameUserNameInTwoAccounts(@NatsUser("A/app") Connection a, @NatsUser("B/app") Connection b,
                                       Sandbox sandbox, TestReporter reporter) throws Exception {
            assertIsUser("A/app", "a.x", "b.x", a);
            assertIsUser("B/app", "b.x", "a.x", b);
            FixtureSupport.publish(reporter, sandbox);
        }
    }
}
