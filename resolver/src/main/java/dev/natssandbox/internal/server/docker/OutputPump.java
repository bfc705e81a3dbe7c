package dev.natssandbox.internal.server.docker;

import dev.natssandbox.internal.server.ServerOutput;
import org.testcontainers.containers.output.OutputFrame;

import java.util.function.Consumer;

/**
 * Feeds a container's output (stdout and stderr, as Testcontainers splits it into lines) into a
 * {@link ServerOutput}. The end of the log stream, which Docker closes when the container stops, ends the output.
 */
final class OutputPump implements Consumer<OutputFrame> {
    private final ServerOutput output;

    OutputPump(ServerOutput output) {
        this.output = output;
    }

    @Override
    public void accept(OutputFrame frame) {
        if (frame.getType() == OutputFrame.OutputType.END) {
            output.end();
            return;
        }
        String text = frame.getUtf8StringWithoutLineEnding();
        if (text == null) {
            return;
        }
        for (String line : text.split("\r?\n", -1)) {
            if (!line.isEmpty()) {
                output.line(line);
            }
        }
    }
}
