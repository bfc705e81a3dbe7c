package dev.natssandbox.probe;

import io.nats.client.Connection;
import io.nats.client.ErrorListener;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * The server errors one connection received between {@link #open} and {@link #close}, where close follows a flush:
 * every {@code -ERR} the server sent for the operations in between is then among them.
 *
 * <p>jnats counts a server error synchronously in its reader ({@code Statistics.getErrs()}), before it reads the
 * PONG that ends the flush, and then queues the {@link ErrorListener} callback on the connection's callback
 * executor. So the count decides whether anything arrived, without waiting; the texts come from the connection's
 * {@link ViolationRecorder} once a no-op task queued on that executor after the callbacks has run. Three ways,
 * picked from the connection's options:
 * <ul>
 *   <li>recorder and jnats' statistics: errors are numbered per connection, the window is a range of numbers;</li>
 *   <li>recorder, custom statistics collector: the window is a range of recorded texts, marked after a barrier;</li>
 *   <li>no recorder: the count and {@code getLastError()}; when more than one error arrived only the last text is
 *   known and the others are reported as unseen.</li>
 * </ul>
 */
final class ErrorWindow {
    private final Connection connection;
    private final String user;
    private final ViolationRecorder recorder;
    private final boolean counted;
    private final Duration timeout;
    private final long start;

    /**
     * @param texts  the texts of the errors that arrived in the window, in order
     * @param unseen how many more arrived whose text is unknown
     */
    record Errors(List<String> texts, long unseen) {
        static final Errors NONE = new Errors(List.of(), 0);
    }

    private ErrorWindow(Connection connection, String user, ViolationRecorder recorder, boolean counted,
                        Duration timeout) throws InterruptedException {
        this.connection = connection;
        this.user = user;
        this.recorder = recorder;
        this.counted = counted;
        this.timeout = timeout;
        if (counted) {
            this.start = connection.getStatistics().getErrs();
        } else {
            barrier();
            this.start = recorder.count(connection);
        }
    }

    /**
     * @param connection the connection to watch
     * @param user       who it belongs to, for messages
     * @param timeout    the safety net for waiting on the callback executor
     * @return an open window
     * @throws ProbeException when the connection's errors cannot be observed at all
     */
    static ErrorWindow open(Connection connection, String user, Duration timeout) throws InterruptedException {
        ErrorListener listener = connection.getOptions().getErrorListener();
        ViolationRecorder recorder = listener instanceof ViolationRecorder r ? r : null;
        boolean counted = connection.getOptions().getStatisticsCollector() == null;
        if (recorder == null && !counted) {
            throw new ProbeException("cannot observe the server's errors on the connection of [" + user
                    + "]: it has a custom statistics collector and no ViolationRecorder error listener. Connect with "
                    + "Options.Builder.errorListener(new ViolationRecorder(name, yourListener)) to probe it");
        }
        return new ErrorWindow(connection, user, recorder, counted, timeout);
    }

    /**
     * Call after a flush returned.
     *
     * @return the errors that arrived since {@link #open}
     */
    Errors close() throws InterruptedException {
        if (!counted) {
            barrier();
            long end = recorder.count(connection);
            List<String> texts = recorder.errors(connection, start, end);
            return new Errors(texts, (end - start) - texts.size());
        }
        long end = connection.getStatistics().getErrs();
        if (end == start) {
            return Errors.NONE;
        }
        if (recorder != null) {
            barrier();
            if (!recorder.awaitCount(connection, end, timeout)) {
                throw new ProbeException("the error listener of [" + user + "]'s connection did not receive the "
                        + (end - start) + " server error(s) jnats counted within " + timeout + "; is the "
                        + "connection's callback executor busy or shut down?");
            }
            List<String> texts = recorder.errors(connection, start, end);
            return new Errors(texts, (end - start) - texts.size());
        }
        // Without a recorder only the last error's text is kept; it belongs to the window if no later error came.
        String last = connection.getLastError();
        if (last != null && connection.getStatistics().getErrs() == end) {
            return new Errors(List.of(last), (end - start) - 1);
        }
        return new Errors(List.of(), end - start);
    }

    /** Returns once every callback queued on the connection's callback executor before now has run. */
    private void barrier() throws InterruptedException {
        if (connection.getStatus() == Connection.Status.CLOSED) {
            throw new ProbeException("the connection of [" + user + "] is closed");
        }
        ExecutorService executor = connection.getOptions().getCallbackExecutor();
        Future<?> done;
        try {
            done = executor.submit(() -> {
            });
        } catch (RejectedExecutionException e) {
            throw new ProbeException("the callback executor of [" + user + "]'s connection is shut down; the "
                    + "connection is closing", e);
        }
        try {
            done.get(timeout.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw new ProbeException("a no-op task failed on the callback executor of [" + user + "]'s connection",
                    e);
        } catch (TimeoutException e) {
            done.cancel(false);
            throw new ProbeException("the callback executor of [" + user + "]'s connection did not run a task "
                    + "within " + timeout + "; a listener or message handler may be blocking it", e);
        }
    }
}
