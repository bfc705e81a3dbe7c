package dev.natssandbox.junit;

import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * What a user of the extension gets on the test classpath: the library, not the command line tool. This module's
 * test classpath is exactly what {@code nats-sandbox-junit} brings a user, so a CLI dependency leaking back into
 * the library (or the extension) fails here.
 */
class ClasspathTests {

    @Test
    void picocliIsNotOnTheExtensionsClasspath() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("picocli.CommandLine"),
                "picocli must stay in nats-sandbox-cli; a library or extension dependency brought it back");
    }

    @Test
    void theCommandLineToolIsNotOnTheExtensionsClasspath() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("dev.natssandbox.cli.Main"),
                "the nats-sandbox command must stay in nats-sandbox-cli, out of the library jar");
    }
}
