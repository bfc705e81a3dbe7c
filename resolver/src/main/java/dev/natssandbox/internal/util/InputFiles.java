package dev.natssandbox.internal.util;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Reads files the user names (spec files, tokens, configurations) with a size limit checked before reading, and
 * failures said in plain words: a missing file, a directory, a file that cannot be read, a file that is too large.
 * No message names an exception class.
 */
public final class InputFiles {
    private InputFiles() {
    }

    /**
     * @param file     the file the user named
     * @param what     what it is, for messages, e.g. {@code "spec file"}
     * @param maxBytes the largest size accepted
     * @param failure  makes the exception to throw from a message
     * @return the file's bytes
     * @throws RuntimeException made by {@code failure} when the file is missing, a directory, unreadable or larger
     *                          than {@code maxBytes}
     */
    public static byte[] read(Path file, String what, int maxBytes,
                              Function<String, ? extends RuntimeException> failure) {
        Path shown = file.toAbsolutePath();
        if (Files.isDirectory(file)) {
            throw failure.apply(what + " [" + shown + "] is a directory; give the path of a file");
        }
        if (!Files.exists(file)) {
            throw failure.apply(what + " [" + shown + "] does not exist; check the path (relative paths start at ["
                    + Path.of("").toAbsolutePath() + "])");
        }
        try {
            long size = Files.size(file);
            if (size > maxBytes) {
                throw failure.apply(tooLarge(what + " [" + shown + "]", size + " bytes", maxBytes));
            }
            try (InputStream in = Files.newInputStream(file)) {
                // Bounded even when the size lied (a pipe, a file in /proc, one that grew meanwhile).
                byte[] bytes = in.readNBytes(maxBytes + 1);
                if (bytes.length > maxBytes) {
                    throw failure.apply(tooLarge(what + " [" + shown + "]", "more than " + maxBytes + " bytes",
                            maxBytes));
                }
                return bytes;
            }
        } catch (IOException e) {
            throw failure.apply(what + " [" + shown + "] cannot be read: " + reason(e)
                    + "; check that it is a file you may read");
        }
    }

    /**
     * @param what     what was too large, e.g. {@code spec file [x.yaml]}
     * @param size     its size in words, e.g. {@code 10485760 bytes}
     * @param maxBytes the limit
     * @return a message saying so, with the limit
     */
    public static String tooLarge(String what, String size, int maxBytes) {
        return what + " of " + size + " is larger than the limit of " + maxBytes + " bytes ("
                + maxBytes / (1024 * 1024) + " MiB); check that it is the right file";
    }

    /**
     * @param e a failure to read a file
     * @return why, in plain words, without the exception's class name
     */
    public static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "it does not exist";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason().toLowerCase(java.util.Locale.ROOT);
        }
        return e.getMessage() == null || e.getMessage().isBlank() ? "an input/output error" : e.getMessage();
    }
}
