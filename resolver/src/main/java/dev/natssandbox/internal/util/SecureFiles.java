package dev.natssandbox.internal.util;

import dev.natssandbox.NatsSandboxException;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * File helpers for secrets: private directories (0700), private files (0600) written atomically, recursive delete.
 * On file systems without POSIX permissions the modes are skipped. Internal to nats-sandbox; not a stable API.
 */
public final class SecureFiles {
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");

    private SecureFiles() {
    }

    /**
     * Creates a directory and its missing parents with mode 0700 (existing ones are left as they are).
     *
     * @param dir the directory
     * @return {@code dir}
     */
    public static Path createPrivateDirectories(Path dir) {
        Path abs = dir.toAbsolutePath();
        if (Files.isDirectory(abs)) {
            return dir;
        }
        Path parent = abs.getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            createPrivateDirectories(parent);
        }
        createPrivateDirectory(abs);
        return dir;
    }

    /**
     * Like {@link #createPrivateDirectories(Path)}, but never creates {@code root} itself: a tree whose root was
     * removed (a staging directory claimed by a shutdown hook) is not brought back by writers still running.
     *
     * @param root the root of the tree, which must exist
     * @param dir  a directory inside {@code root} (or {@code root} itself)
     * @return {@code dir}
     */
    public static Path createPrivateDirectoriesUnder(Path root, Path dir) {
        Path r = root.toAbsolutePath();
        Path abs = dir.toAbsolutePath();
        if (!abs.startsWith(r)) {
            throw new IllegalArgumentException("[" + abs + "] is not inside [" + r + "]");
        }
        if (abs.equals(r)) {
            if (!Files.isDirectory(r)) {
                throw new NatsSandboxException("cannot create directories in [" + r + "]: it no longer exists");
            }
            return dir;
        }
        if (!Files.isDirectory(abs)) {
            createPrivateDirectoriesUnder(r, abs.getParent());
            createPrivateDirectory(abs);
        }
        return dir;
    }

    /** One directory, 0700; its parent must exist (so a removed parent is never recreated here). */
    private static void createPrivateDirectory(Path abs) {
        try {
            if (POSIX) {
                // The umask can only take bits away from 0700, so no chmod is needed afterwards.
                Files.createDirectory(abs, PosixFilePermissions.asFileAttribute(DIR_MODE));
            } else {
                Files.createDirectory(abs);
            }
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(abs)) {
                throw new NatsSandboxException("cannot create directory [" + abs + "]: a file is in the way");
            }
        } catch (IOException e) {
            throw new NatsSandboxException("cannot create directory [" + abs + "]: " + InputFiles.reason(e), e);
        }
    }

    /**
     * Creates a fresh private temporary directory (0700).
     *
     * @param parent where to create it, or {@code null} for the system temp directory ({@code java.io.tmpdir} as it
     *               is now)
     * @param prefix name prefix
     * @return the new directory
     */
    public static Path createPrivateTempDirectory(Path parent, String prefix) {
        try {
            FileAttribute<?>[] attrs = POSIX ? new FileAttribute<?>[]{PosixFilePermissions.asFileAttribute(DIR_MODE)}
                    : new FileAttribute<?>[0];
            // java.io.tmpdir as it is now (Files.createTempDirectory(prefix) would use its value at JVM start): the
            // server registry and orphan reaper read it the same way.
            Path base = parent == null ? Path.of(System.getProperty("java.io.tmpdir")) : parent;
            Path dir = Files.createTempDirectory(createPrivateDirectories(base), prefix, attrs);
            if (POSIX) {
                Files.setPosixFilePermissions(dir, DIR_MODE);
            }
            return dir;
        } catch (IOException e) {
            throw new NatsSandboxException("cannot create a temporary directory in ["
                    + (parent == null ? System.getProperty("java.io.tmpdir") : parent) + "]: "
                    + InputFiles.reason(e), e);
        }
    }

    /**
     * Writes a file with mode 0600: first to a temporary file next to it, then moved into place, so readers never
     * see a partial file. Missing parent directories are created with mode 0700.
     *
     * @param file    the file
     * @param content the bytes
     */
    public static void writeSecret(Path file, byte[] content) {
        Path abs = file.toAbsolutePath();
        Path dir = abs.getParent();
        createPrivateDirectories(dir);
        Path tmp = null;
        try {
            tmp = POSIX ? Files.createTempFile(dir, ".tmp-", null, PosixFilePermissions.asFileAttribute(FILE_MODE))
                    : Files.createTempFile(dir, ".tmp-", null);
            Files.write(tmp, content);
            if (POSIX) {
                Files.setPosixFilePermissions(tmp, FILE_MODE);
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            throw new NatsSandboxException("cannot write [" + file + "]: " + InputFiles.reason(e), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: the write already failed and that error is what the caller sees
                }
            }
        }
    }

    /**
     * Writes a new file directly with mode 0600 (no temporary file); for trees that are built in a private
     * staging directory and moved into place as a whole.
     *
     * @param file    the file, which must not exist
     * @param content the bytes
     */
    public static void writeNewPrivateFile(Path file, byte[] content) {
        // One open(O_CREAT|O_EXCL, 0600): the umask can only take bits away, so no chmod is needed.
        Set<java.nio.file.OpenOption> options = Set.of(java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE);
        FileAttribute<?>[] attrs = POSIX ? new FileAttribute<?>[]{PosixFilePermissions.asFileAttribute(FILE_MODE)}
                : new FileAttribute<?>[0];
        try (var channel = Files.newByteChannel(file, options, attrs)) {
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        } catch (IOException e) {
            throw new NatsSandboxException("cannot write [" + file + "]: " + InputFiles.reason(e), e);
        }
    }

    /**
     * Deletes a file or directory tree; missing paths are fine.
     *
     * @param path what to delete
     */
    public static void deleteRecursively(Path path) {
        if (path == null || !Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.walkFileTree(path, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
                    if (exc instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE;
                    }
                    throw exc;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new NatsSandboxException("cannot delete [" + path + "]: " + InputFiles.reason(e), e);
        }
    }

    /**
     * @return whether the default file system supports POSIX permissions
     */
    public static boolean isPosix() {
        return POSIX;
    }
}
