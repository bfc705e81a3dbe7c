package dev.natssandbox.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Prints lines appended to a log file, like {@code tail -f}, on a daemon thread. */
final class LogFollower extends Thread {
    private static final long IDLE_MS = 200;

    private final Path file;
    private final PrintWriter out;

    LogFollower(Path file, PrintWriter out) {
        super("nats-sandbox-log-follower");
        setDaemon(true);
        this.file = file;
        this.out = out;
    }

    @Override
    public void run() {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            StringBuilder line = new StringBuilder();
            byte[] buf = new byte[8192];
            while (!isInterrupted()) {
                int n = raf.read(buf);
                if (n <= 0) {
                    // A display refresh interval: nothing is waited for here, new lines are shown when they come.
                    Thread.sleep(IDLE_MS);
                    continue;
                }
                String chunk = new String(buf, 0, n, StandardCharsets.UTF_8);
                for (char c : chunk.toCharArray()) {
                    if (c == '\n') {
                        out.println(line);
                        line.setLength(0);
                    } else {
                        line.append(c);
                    }
                }
                out.flush();
            }
        } catch (IOException e) {
            out.println("(log no longer readable: " + e.getMessage() + ")");
            out.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
