package dev.natssandbox.junit;

import dev.natssandbox.model.SandboxSpec;
import dev.natssandbox.sandbox.Sandbox;
import dev.natssandbox.server.LauncherKind;
import dev.natssandbox.internal.server.ServerFinder;
import dev.natssandbox.spec.SpecFileException;
import dev.natssandbox.spec.SpecFiles;
import io.nats.client.Connection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.natssandbox.junit.FixtureSupport.assertIsUser;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * The three ways to declare a sandbox — a spec file, annotations, a registered extension — and the mistakes in
 * declaring one.
 */
@RequiresNatsServer
class NatsSandboxExtensionIT {
    static final String SPEC = "classpath:specs/two-users.yaml";

    @Test
    void specFileGivesWorkingInjection() {
        FixtureRun run = FixtureRun.run(SpecFileTestCase.class);
        run.assertAllSucceeded(1);
        run.assertNoLeftovers();
    }

    @Test
    void annotationsGiveWorkingInjection() {
        FixtureRun run = FixtureRun.run(AnnotationsTestCase.class);
        run.assertAllSucceeded(1);
        run.assertNoLeftovers();
    }

    @Test
    void registeredExtensionGivesWorkingInjection() {
        FixtureRun run = FixtureRun.run(RegisteredSpecTestCase.class, RegisteredSpecFileTestCase.class);
        run.assertAllSucceeded(2);
        run.assertNoLeftovers();
    }

    @Test
    void everyDeclarationProducesTheSameModel() {
        FixtureRun run = FixtureRun.run(SpecFileTestCase.class, AnnotationsTestCase.class,
                RegisteredSpecTestCase.class, RegisteredSpecFileTestCase.class);
        run.assertAllSucceeded(4);
        List<String> specs = run.published("spec");
        assertEquals(4, specs.size());
        assertEquals(Set.of(SpecFiles.write(SpecFiles.load(SPEC))), Set.copyOf(specs));
        run.assertNoLeftovers();
    }

    static void checkDoor(Sandbox sandbox, Connection alice, Connection bob, TestReporter reporter)
            throws Exception {
        assertIsUser("TestAccount/alice", "alice.x", "bob.x", alice);
        assertIsUser("TestAccount/bob", "bob.x", "alice.x", bob);
        reporter.publishEntry("spec", SpecFiles.write(sandbox.spec()));
        FixtureSupport.publish(reporter, sandbox);
    }

    static SandboxSpec fluentSpec() {
        return SandboxSpec.operator("Test")
                .account("TestAccount", a -> a
                        .user("alice", u -> u.allowPub("alice.>").allowSub("alice.>"))
                        .user("bob", u -> u.allowPub("bob.>").allowSub("bob.>")))
                .build();
    }

    @NatsSandbox(spec = SPEC)
    static class SpecFileTestCase {
        @Test
        void usersOfTheSpecFile(Sandbox sandbox, @NatsUser("alice") Connection alice,
                                @NatsUser("bob") Connection bob, TestReporter reporter) throws Exception {
            checkDoor(sandbox, alice, bob, reporter);
        }
    }

    @NatsSandbox(accounts = @Account(name = "TestAccount", users = {
            @User(name = "alice", allowPub = "alice.>", allowSub = "alice.>"),
            @User(name = "bob", allowPub = "bob.>", allowSub = "bob.>")}))
    static class AnnotationsTestCase {
        @Test
        void usersOfTheAnnotations(Sandbox sandbox, @NatsUser("alice") Connection alice,
                                   @NatsUser("bob") Connection bob, TestReporter reporter) throws Exception {
            checkDoor(sandbox, alice, bob, reporter);
        }
    }

    static class RegisteredSpecTestCase {
        @RegisterExtension
        static NatsSandboxExtension nats = NatsSandboxExtension.builder().spec(fluentSpec()).build();

        @Test
        void usersOfTheSpec(Sandbox sandbox, @NatsUser("alice") Connection alice, @NatsUser("bob") Connection bob,
                            TestReporter reporter) throws Exception {
            checkDoor(sandbox, alice, bob, reporter);
        }
    }

    static class RegisteredSpecFileTestCase {
        @RegisterExtension
        static NatsSandboxExtension nats = NatsSandboxExtension.builder().spec(SPEC).build();

        @Test
        void usersOfTheSpecFile(Sandbox sandbox, @NatsUser("alice") Connection alice,
                                @NatsUser("bob") Connection bob, TestReporter reporter) throws Exception {
            checkDoor(sandbox, alice, bob, reporter);
        }
    }

    @Nested
    class Failures {
        @Test
        void specAndAccountsTogether() {
            FixtureRun run = FixtureRun.run(SpecAndAccountsTestCase.class);
            // Thrown before any test runs, it fails the class as it is; JUnit wraps only parameter failures.
            assertInstanceOf(ExtensionConfigurationException.class, run.singleFailure());
            assertEquals("[" + SpecAndAccountsTestCase.class.getName() + "]: @NatsSandbox has both spec [" + SPEC
                    + "] and accounts [TestAccount]; give one of them", run.configurationFailure().getMessage());
            run.assertNoLeftovers();
        }

        @Test
        void missingSpecFile() {
            FixtureRun run = FixtureRun.run(MissingSpecFileTestCase.class);
            ExtensionConfigurationException e = run.configurationFailure();
            SpecFileException cause = assertInstanceOf(SpecFileException.class, e.getCause());
            assertEquals("[" + MissingSpecFileTestCase.class.getName() + "]: invalid sandbox spec "
                    + "[classpath:specs/missing.yaml]: " + cause.getMessage(), e.getMessage());
            assertEquals("classpath:specs/missing.yaml", cause.source());
            run.assertNoLeftovers();
        }

        @Test
        void missingSpecFileOfASharedSandbox() {
            FixtureRun run = FixtureRun.run(SharedMissingSpecFileTestCase.class,
                    AlsoSharedMissingSpecFileTestCase.class);
            List<Throwable> failures = run.failureExceptions();
            assertEquals(2, failures.size());
            ExtensionConfigurationException first = assertInstanceOf(ExtensionConfigurationException.class,
                    failures.get(0));
            assertInstanceOf(SpecFileException.class, first.getCause());
            // Whichever class ran first tried to start it; the other names itself and repeats that failure.
            String firstClass = first.getMessage().substring(1, first.getMessage().indexOf(']'));
            String secondClass = firstClass.equals(SharedMissingSpecFileTestCase.class.getName())
                    ? AlsoSharedMissingSpecFileTestCase.class.getName() : SharedMissingSpecFileTestCase.class.getName();
            assertEquals("[" + firstClass + "]: invalid sandbox spec [classpath:specs/missing.yaml]: "
                    + first.getCause().getMessage(), first.getMessage());
            assertEquals("[" + secondClass + "]: the shared sandbox could not start; " + first.getMessage(),
                    failures.get(1).getMessage());
            run.assertNoLeftovers();
        }

        @Test
        void invalidSpecFile() {
            FixtureRun run = FixtureRun.run(InvalidSpecFileTestCase.class);
            assertEquals("[" + InvalidSpecFileTestCase.class.getName() + "]: invalid sandbox spec "
                    + "[classpath:specs/invalid-subject.yaml]: classpath:specs/invalid-subject.yaml:7: "
                    + "accounts.TestAccount.users.alice.pub.allow[0]: invalid subject [alice.>.x]: '>' must be the last "
                    + "token", run.configurationFailure().getMessage());
            run.assertNoLeftovers();
        }

        @Test
        void invalidAnnotationValue() {
            FixtureRun run = FixtureRun.run(InvalidAnnotationTestCase.class);
            assertEquals("[" + InvalidAnnotationTestCase.class.getName() + "]: invalid @NatsSandbox accounts: "
                    + "accounts.TestAccount.users.alice.pub.allow[0]: invalid subject [alice.>.x]: '>' must be the last "
                    + "token", run.configurationFailure().getMessage());
            run.assertNoLeftovers();
        }

        @Test
        void annotationAndRegisteredExtensionTogether() {
            FixtureRun run = FixtureRun.run(AnnotatedAndRegisteredTestCase.class);
            assertEquals("[" + AnnotatedAndRegisteredTestCase.class.getName() + "]: both @NatsSandbox and a "
                    + "@RegisterExtension NatsSandboxExtension declare a sandbox; use one of them",
                    run.configurationFailure().getMessage());
            run.assertNoLeftovers();
        }

        @Test
        void registeredExtensionAndAnnotatedNestedClassTogether() {
            FixtureRun run = FixtureRun.run(RegisteredOuterTestCase.class);
            assertEquals("[" + RegisteredOuterTestCase.AnnotatedInner.class.getName() + "]: both @NatsSandbox and a "
                    + "@RegisterExtension NatsSandboxExtension declare a sandbox; use one of them",
                    run.configurationFailure().getMessage());
            run.assertNoLeftovers();
        }

        @Test
        void noServerAvailable() {
            FixtureRun run = FixtureRun.run(Map.of(NatsSandbox.SERVER_PATH_PROPERTY_NAME, "/nonexistent/nats-server"),
                    BinaryLauncherTestCase.class);
            assertEquals("[" + BinaryLauncherTestCase.class.getName() + "]: no nats-server available for the sandbox "
                    + "(configuration parameter natssandbox.server.path is [/nonexistent/nats-server]): nats-server not "
                    + "usable: the explicit server path: [/nonexistent/nats-server] does not exist. Fix the path or "
                    + "unset it to search further; otherwise " + ServerFinder.INSTALL_HINT,
                    run.configurationFailure().getMessage());
            run.assertNoLeftovers();
        }

        @Test
        void unknownLauncherParameter() {
            FixtureRun run = FixtureRun.run(Map.of(NatsSandbox.LAUNCHER_PROPERTY_NAME, "foo"), SpecFileTestCase.class);
            assertEquals("[" + SpecFileTestCase.class.getName() + "]: configuration parameter natssandbox.launcher "
                    + "is [foo]; expected auto, binary or docker", run.configurationFailure().getMessage());
            run.assertNoLeftovers();
        }

        @Test
        void unknownKeepFilesParameter() {
            FixtureRun run = FixtureRun.run(Map.of(NatsSandbox.KEEP_FILES_PROPERTY_NAME, "sometimes"),
                    SpecFileTestCase.class);
            assertEquals("[" + SpecFileTestCase.class.getName() + "]: configuration parameter natssandbox.keepFiles "
                    + "is [sometimes]; expected never, on_failure or always", run.configurationFailure().getMessage());
            run.assertNoLeftovers();
        }

        @Test
        void methodScopeWithStaticField() {
            FixtureRun run = FixtureRun.run(MethodScopeStaticFieldTestCase.class);
            assertEquals("[" + MethodScopeStaticFieldTestCase.class.getName() + "]: scope METHOD starts a sandbox per "
                    + "test method, so it cannot be injected into static field [alice], which lives as long as the "
                    + "class; inject into test or @BeforeEach method parameters or instance fields, or use scope CLASS",
                    run.configurationFailure().getMessage());
            run.assertNoLeftovers();
        }

        @Test
        void methodScopeWithBeforeAllParameter() {
            FixtureRun run = FixtureRun.run(MethodScopeBeforeAllTestCase.class);
            Throwable failure = run.singleFailure();
            String message = "[" + MethodScopeBeforeAllTestCase.class.getName() + "]: scope METHOD starts a sandbox "
                    + "per test method, so it cannot be injected into parameter [alice] of method [connect], which "
                    + "lives as long as the class; inject into test or @BeforeEach method parameters or instance "
                    + "fields, or use scope CLASS";
            // JUnit reports a parameter's failure as a ParameterResolutionException naming the parameter.
            assertInstanceOf(ParameterResolutionException.class, failure);
            assertEquals("Failed to resolve parameter [io.nats.client.Connection alice] in method [static void "
                    + MethodScopeBeforeAllTestCase.class.getName() + ".connect(io.nats.client.Connection)]: "
                    + message, failure.getMessage());
            assertEquals(message, run.configurationFailure().getMessage());
            run.assertNoLeftovers();
        }
    }

    @NatsSandbox(spec = SPEC, accounts = @Account(name = "TestAccount"))
    static class SpecAndAccountsTestCase {
        @Test
        void test() {
        }
    }

    @NatsSandbox(spec = "classpath:specs/missing.yaml")
    static class MissingSpecFileTestCase {
        @Test
        void test() {
        }
    }

    @NatsSandbox(spec = "classpath:specs/missing.yaml", scope = SandboxScope.SHARED)
    static class SharedMissingSpecFileTestCase {
        @Test
        void test() {
        }
    }

    @NatsSandbox(spec = "classpath:specs/missing.yaml", scope = SandboxScope.SHARED)
    static class AlsoSharedMissingSpecFileTestCase {
        @Test
        void test() {
        }
    }

    @NatsSandbox(spec = "classpath:specs/invalid-subject.yaml")
    static class InvalidSpecFileTestCase {
        @Test
        void test() {
        }
    }

    @NatsSandbox(accounts = @Account(name = "TestAccount", users = @User(name = "alice", allowPub = "alice.>.x")))
    static class InvalidAnnotationTestCase {
        @Test
        void test() {
        }
    }

    @NatsSandbox(spec = SPEC)
    static class AnnotatedAndRegisteredTestCase {
        @RegisterExtension
        static NatsSandboxExtension nats = NatsSandboxExtension.builder().spec(SPEC).build();

        @Test
        void test() {
        }
    }

    static class RegisteredOuterTestCase {
        @RegisterExtension
        static NatsSandboxExtension nats = NatsSandboxExtension.builder().spec(SPEC).build();

        @Nested
        @NatsSandbox(spec = "classpath:specs/other.yaml")
        class AnnotatedInner {
            @NatsUser("carol")
            Connection carol;

            @Test
            void test() {
            }
        }
    }

    @NatsSandbox(spec = SPEC, launcher = LauncherKind.BINARY)
    static class BinaryLauncherTestCase {
        @Test
        void test() {
        }
    }

    @NatsSandbox(spec = SPEC, scope = SandboxScope.METHOD)
    static class MethodScopeStaticFieldTestCase {
        @NatsUser("alice")
        static Connection alice;

        @Test
        void test() {
        }
    }

    @NatsSandbox(spec = SPEC, scope = SandboxScope.METHOD)
    static class MethodScopeBeforeAllTestCase {
        @BeforeAll
        static void connect(@NatsUser("alice") Connection alice) {
        }

        @Test
        void test() {
        }
    }
}
