package dev.natssandbox.cli;

import java.lang.reflect.Proxy;

/**
 * Turns Ctrl-C (SIGINT) and SIGTERM into a request to stop, so that a foreground command can shut down in order and
 * exit 0. Without it the JVM starts its shutdown on these signals and exits with 130 or 143 whatever the command
 * does. Uses {@code sun.misc.Signal} (module {@code jdk.unsupported}) reflectively, so that nothing breaks where it
 * is missing: the command then relies on its shutdown hook.
 */
final class StopSignals {
    private static final System.Logger LOG = System.getLogger(StopSignals.class.getName());

    private StopSignals() {
    }

    /**
     * @param onStop runs on the signal-dispatch thread when INT or TERM arrives; must return quickly
     * @return whether both signals are now handled
     */
    static boolean install(Runnable onStop) {
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handler = Class.forName("sun.misc.SignalHandler");
            Object h = Proxy.newProxyInstance(StopSignals.class.getClassLoader(), new Class<?>[] {handler},
                    (proxy, method, args) -> {
                        if (method.getName().equals("handle")) {
                            onStop.run();
                            return null;
                        }
                        return switch (method.getName()) {
                            case "hashCode" -> System.identityHashCode(proxy);
                            case "equals" -> proxy == args[0];
                            default -> "StopSignals handler";
                        };
                    });
            for (String name : new String[] {"INT", "TERM"}) {
                signal.getMethod("handle", signal, handler).invoke(null,
                        signal.getConstructor(String.class).newInstance(name), h);
            }
            return true;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.log(System.Logger.Level.DEBUG, "cannot handle INT/TERM; relying on the shutdown hook", e);
            return false;
        }
    }
}
