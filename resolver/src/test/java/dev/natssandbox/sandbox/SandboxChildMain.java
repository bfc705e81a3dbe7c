package dev.natssandbox.sandbox;

import dev.natssandbox.model.ResolverType;
import dev.natssandbox.model.SandboxSpec;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/**
 * Run in a child JVM by {@link JvmExitIT}: starts a sandbox, prints {@code id=}, {@code pid=} (its nats-server),
 * {@code pids=} (every nats-server, comma-separated) and {@code dir=} lines, then either blocks (to be killed) or
 * returns from {@code main} without closing the sandbox. Arguments: {@code block|connect|cluster|return}
 * ({@code connect}: connect as alice, then block; {@code cluster}: a 3-server cluster, then block) and the base
 * directory.
 */
public final class SandboxChildMain {
    private SandboxChildMain() {
    }

    /**
     * @param args {@code block|connect|return}, base directory, keep-files policy
     * @throws InterruptedException never in practice: the blocking child is killed
     */
    public static void main(String[] args) throws InterruptedException {
        SandboxSpec.Builder spec = SandboxSpec.operator("Child").account("App", a -> a.user("alice"));
        if (args[0].equals("cluster")) {
            spec.resolver(ResolverType.FULL).clusterSize(3);
        }
        Sandbox s = Sandbox.builder(spec.build())
                .baseDirectory(Path.of(args[1])).keepFiles(KeepFiles.valueOf(args[2])).start();
        List<Long> pids = ProcessHandle.current().children()
                .filter(h -> h.info().command().map(c -> c.endsWith("nats-server")).orElse(false))
                .map(ProcessHandle::pid).toList();
        System.out.println("id=" + s.id());
        System.out.println("pid=" + pids.get(0));
        System.out.println("pids=" + pids.stream().map(String::valueOf).collect(Collectors.joining(",")));
        System.out.println("dir=" + s.directory());
        System.out.flush();
        if (args[0].equals("connect")) {
            // jnats's connect path: its signing loads BouncyCastle's crypto services too
            System.out.println("connected=" + s.connect("alice").getStatus());
            System.out.flush();
        }
        if (!args[0].equals("return")) {
            new CountDownLatch(1).await();
        }
    }
}
