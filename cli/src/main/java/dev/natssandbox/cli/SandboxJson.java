package dev.natssandbox.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.natssandbox.NatsSandboxException;
import dev.natssandbox.provision.UserIdentity;
import dev.natssandbox.sandbox.Sandbox;
import dev.natssandbox.internal.util.SecureFiles;
import dev.natssandbox.sandbox.SandboxCluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code DIR/sandbox.json}, written by {@code up --dir DIR} once every server is ready and removed on stop, for
 * scripts and tools in other languages:
 *
 * <pre>
 * {"version": 1, "resolver": "full",
 *  "servers": [{"name": "sbx-1-…", "url": "nats://127.0.0.1:41234"}],
 *  "users": [{"account": "A", "user": "a1", "creds": "/abs/DIR/keys/creds/Test/A/a1.creds"}]}
 * </pre>
 */
final class SandboxJson {
    static final String FILE = "sandbox.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SandboxJson() {
    }

    /** @return the file written */
    static Path write(Path dir, Sandbox sandbox) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", 1);
        root.put("resolver", sandbox.spec().server().resolver().name().toLowerCase(Locale.ROOT));
        ArrayNode servers = root.putArray("servers");
        if (sandbox.cluster().isPresent()) {
            SandboxCluster cluster = sandbox.cluster().get();
            for (int i = 0; i < cluster.size(); i++) {
                servers.addObject().put("name", cluster.serverName(i)).put("url", cluster.serverUrl(i));
            }
        } else {
            servers.addObject().put("name", sandbox.id()).put("url", sandbox.serverUrl());
        }
        ArrayNode users = root.putArray("users");
        for (UserIdentity u : sandbox.hierarchy().users()) {
            users.addObject().put("account", u.account()).put("user", u.name())
                    .put("creds", sandbox.credsFile(u.qualifiedName()).toAbsolutePath().toString());
        }
        Path file = dir.resolve(FILE);
        try {
            SecureFiles.writeSecret(file, JSON.writeValueAsString(root).getBytes(StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new NatsSandboxException("cannot render [" + file + "]: " + e.getMessage(), e);
        }
        return file;
    }

    static void remove(Path dir) {
        try {
            Files.deleteIfExists(dir.resolve(FILE));
        } catch (IOException e) {
            throw new NatsSandboxException("cannot remove [" + dir.resolve(FILE) + "]: " + e.getMessage(), e);
        }
    }
}
