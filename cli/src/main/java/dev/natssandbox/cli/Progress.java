package dev.natssandbox.cli;

import java.io.PrintWriter;

/** Progress of long operations, on stderr so that stdout stays the command's result (a table, JSON). */
final class Progress {
    private final PrintWriter err;

    Progress(PrintWriter err) {
        this.err = err;
    }

    void say(String line) {
        err.println(line);
        err.flush();
    }
}
