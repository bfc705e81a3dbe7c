package dev.natssandbox.sandbox;

import dev.natssandbox.model.AccountSpec;
import dev.natssandbox.model.SandboxSpec;
import dev.natssandbox.server.ServerReloadException;
import dev.natssandbox.internal.util.SecureFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A reload the server rejects: everything on disk goes back to what the server still runs. nats-server rejects
 * nothing a valid spec can produce, so a stand-in plays a server that refuses every reload (it needs only
 * {@code /bin/sh}).
 */
class ReloadFailureIT {
    @TempDir
    Path base;
    @TempDir
    Path bin;

    private Path refusingServer() throws IOException {
        Path file = bin.resolve("nats-server");
        Files.writeString(file, String.join("\n",
                "#!/bin/sh",
                // USR2 rather than HUP: a shell cannot trap a signal that was ignored when it started, and HUP is
                // ignored under nohup (a CI job run that way). The real nats-server handles HUP either way.
                "if [ \"$1\" = \"--signal\" ]; then kill -USR2 \"${2#reload=}\"; exit $?; fi",
                "trap 'echo \"[ERR] Failed to reload server configuration: this stand-in refuses\"' USR2",
                "trap 'exit 0' TERM",
                "echo \"[INF] Listening for client connections on 127.0.0.1:4222\"",
                "echo \"[INF] Server is ready\"",
                "while :; do sleep 1 & wait $!; done",
                ""));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }

    @Test
    void aRejectedReloadLeavesSpecStoreAndConfigAsTheServerStillRunsThem() throws IOException {
        Sandbox s = Sandbox.builder(SandboxSpec.operator("Refused").account("App", a -> a.user("alice")).build())
                .serverPath(refusingServer()).baseDirectory(base).start();
        Path config = s.server().configFile();
        try {
            SandboxSpec before = s.spec();
            String running = Files.readString(config);

            ServerReloadException e = assertThrows(ServerReloadException.class,
                    () -> s.addAccount(AccountSpec.builder("New").user("newbie").build()));

            Path rejected = config.resolveSibling("server.conf.rejected");
            assertEquals("nats-server [" + s.id() + "] rejected the new configuration and keeps the previous one ("
                    + config + "): [ERR] Failed to reload server configuration: this stand-in refuses\n"
                    + "rejected configuration: " + rejected, e.getMessage());
            assertEquals(before, s.spec());
            assertEquals(running, Files.readString(config));
            assertTrue(Files.readString(rejected).contains("// Account \"New\""));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(rejected)));
            assertFalse(Files.exists(s.layout().accountJwt("Refused", "New")));
            assertFalse(Files.exists(s.layout().creds("Refused", "New", "newbie")));
            assertTrue(s.isRunning());
        } finally {
            s.close();
        }
        assertTrue(Files.exists(config), "a failed change keeps the files (KeepFiles.ON_FAILURE)");
        SecureFiles.deleteRecursively(s.directory());
    }
}
