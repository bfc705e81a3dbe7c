package dev.natssandbox.sandbox;

import dev.natssandbox.model.SandboxSpec;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Run in a child JVM by {@link JvmExitIT}: starts a sandbox, prints {@code id=}, {@code pid=} (its nats-server) and
 * {@code dir=} lines, then either blocks (to be killed) or returns from {@code main} without closing the sandbox.
 * Arguments: {@code block|connect|return} ({@code connect}: connect as alice, then block) and the base directory.
 */
public final class SandboxChildMain {
    private SandboxChildMain() {
    }

    /**
     * @param args {@code block|connect|return}, base directory, keep-files policy
     * @throws InterruptedException never in practice: the blocking child is killed
     */
    public static void main(String[] args) throws InterruptedException {
        Sandbox s = Sandbox.builder(SandboxSpec.operator("Child").account("App", a -> a.user("alice")).build())
                .baseDirectory(Path.of(args[1])).keepFiles(KeepFiles.valueOf(args[2])).start();
        long pid = ProcessHandle.current().children()
                .filter(h -> h.info().command().map(c -> c.endsWith("nats-server")).orElse(false))
                .findFirst().orElseThrow().pid();
        System.out.println("id=" + s.id());
        System.out.println("pid=" + pid);
        System.out.println("dir=" + s.directory());
        System.out.flush();
        if (args[0].equals("connect")) {
            // jnats's connect path: its signing loads BouncyCastle's crypto services too
            System.out.println("connected=" + s.connect("alice").getStatus());
            System.out.flush();
        }
        if (args[0].equals("block") || args[0].equals("connect")) {
            new CountDownLatch(1).await();
        }
    }
}
