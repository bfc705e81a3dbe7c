package dev.natssandbox.internal.server;

import dev.natssandbox.keys.KeyKind;
import dev.natssandbox.keys.NatsKeyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServerOutputTests {
    @TempDir
    Path tmp;

    @Test
    void aWaiterRegisteredBeforeTheLineIsCompletedWithIt() throws Exception {
        try (ServerOutput out = new ServerOutput("sbx-1", tmp.resolve("log"))) {
            CompletableFuture<String> ready = out.expect(l -> l.contains("Server is ready"));
            out.line("[INF] Starting nats-server");
            assertFalse(ready.isDone());
            out.line("[INF] Server is ready");
            assertEquals("[INF] Server is ready", ready.getNow(null));
        }
    }

    @Test
    void aWaiterSeesOnlyLinesAfterItRegistered() {
        try (ServerOutput out = new ServerOutput("sbx-1", tmp.resolve("log"))) {
            out.line("[INF] Reloaded server configuration");
            CompletableFuture<String> reload = out.expect(l -> l.contains("Reloaded server configuration"));
            assertFalse(reload.isDone(), "an earlier line must not satisfy a later waiter");
            out.line("[INF] Reloaded server configuration");
            assertTrue(reload.isDone());
        }
    }

    @Test
    void eachLineCompletesEveryMatchingWaiterOnce() {
        try (ServerOutput out = new ServerOutput("sbx-1", tmp.resolve("log"))) {
            CompletableFuture<String> a = out.expect(l -> l.startsWith("a"));
            CompletableFuture<String> ab = out.expect(l -> l.contains("b"));
            out.line("ab");
            out.line("a2");
            assertEquals("ab", a.getNow(null));
            assertEquals("ab", ab.getNow(null));
        }
    }

    @Test
    void endFailsPendingWaitersAndEveryLaterOne() {
        try (ServerOutput out = new ServerOutput("sbx-1", tmp.resolve("log"))) {
            CompletableFuture<String> pending = out.expect(l -> l.contains("Server is ready"));
            out.line("[FTL] bad config");
            out.end();
            assertTrue(out.ended().isDone());
            ExecutionException e = assertThrows(ExecutionException.class, pending::get);
            assertInstanceOf(IllegalStateException.class, e.getCause());
            assertEquals("server output has ended", e.getCause().getMessage());

            CompletableFuture<String> late = out.expect(l -> true);
            assertTrue(late.isCompletedExceptionally());
        }
    }

    @Test
    void theTailIsBoundedToTheLastLines() {
        try (ServerOutput out = new ServerOutput("sbx-1", tmp.resolve("log"))) {
            IntStream.range(0, 500).forEach(i -> out.line("line " + i));
            List<String> all = out.tail(Integer.MAX_VALUE);
            assertEquals(200, all.size());
            assertEquals("line 300", all.get(0));
            assertEquals("line 499", all.get(199));
            assertEquals(List.of("line 497", "line 498", "line 499"), out.tail(3));
            assertTrue(out.tailContains("line 300"));
            assertFalse(out.tailContains("line 299"));
        }
    }

    @Test
    void everyLineGoesToThePrivateLogFilePrefixedWithTheInstanceId() throws IOException {
        Path log = tmp.resolve("nats-server.log");
        try (ServerOutput out = new ServerOutput("sbx-7-abcd", log)) {
            out.line("[INF] Starting nats-server");
            out.line("[INF] Server is ready");
        }
        assertEquals(List.of("[sbx-7-abcd] [INF] Starting nats-server", "[sbx-7-abcd] [INF] Server is ready"),
                Files.readAllLines(log));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(log)));
    }

    @Test
    void anExistingLogIsAppendedTo() throws IOException {
        Path log = tmp.resolve("nats-server.log");
        try (ServerOutput out = new ServerOutput("a", log)) {
            out.line("first run");
        }
        try (ServerOutput out = new ServerOutput("b", log)) {
            out.line("second run");
        }
        assertEquals(List.of("[a] first run", "[b] second run"), Files.readAllLines(log));
    }

    @Test
    void seedsNeverReachTheLogTheTailOrAWaiter() throws IOException {
        String seed = new String(NatsKeyPair.generate(KeyKind.USER).seed());
        Path log = tmp.resolve("log");
        try (ServerOutput out = new ServerOutput("sbx-1", log)) {
            CompletableFuture<String> w = out.expect(l -> l.contains("seed"));
            out.line("[ERR] seed " + seed);
            assertEquals("[ERR] seed <redacted seed>", w.getNow(null));
            assertEquals(List.of("[ERR] seed <redacted seed>"), out.tail(1));
        }
        assertEquals(List.of("[sbx-1] [ERR] seed <redacted seed>"), Files.readAllLines(log));
    }

    @Test
    void afterCloseLinesStillReachTheTailAndWaiters() throws IOException {
        Path log = tmp.resolve("log");
        ServerOutput out = new ServerOutput("sbx-1", log);
        out.close();
        CompletableFuture<String> w = out.expect(l -> l.contains("late"));
        out.line("late line");
        assertEquals("late line", w.getNow(null));
        assertEquals(List.of("late line"), out.tail(5));
        assertEquals(List.of(), Files.readAllLines(log));
        out.close(); // idempotent
    }
}
