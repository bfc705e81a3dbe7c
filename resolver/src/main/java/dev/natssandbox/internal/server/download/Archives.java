package dev.natssandbox.internal.server.download;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Takes one file out of a release archive: a gzip-compressed tar (POSIX ustar, as Go's archive/tar writes it) or a
 * zip. The JDK reads gzip and zip; the tar reader is the few lines a ustar header needs.
 */
final class Archives {
    private static final int BLOCK = 512;

    private Archives() {
    }

    /**
     * @param archive  the archive
     * @param zip      whether it is a zip (else a gzip-compressed tar)
     * @param fileName the file's name in the archive, in whatever directory
     * @param target   where to write it
     * @return whether it was found
     * @throws IOException when the archive cannot be read (corrupt, truncated)
     */
    static boolean extract(Path archive, boolean zip, String fileName, Path target) throws IOException {
        try (InputStream in = Files.newInputStream(archive)) {
            return zip ? fromZip(in, fileName, target) : fromTarGz(in, fileName, target);
        }
    }

    private static boolean fromZip(InputStream in, String fileName, Path target) throws IOException {
        try (ZipInputStream z = new ZipInputStream(in)) {
            for (ZipEntry e = z.getNextEntry(); e != null; e = z.getNextEntry()) {
                if (!e.isDirectory() && matches(e.getName(), fileName)) {
                    Files.copy(z, target, StandardCopyOption.REPLACE_EXISTING);
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean fromTarGz(InputStream in, String fileName, Path target) throws IOException {
        try (InputStream tar = new GZIPInputStream(in)) {
            byte[] header = new byte[BLOCK];
            while (readFully(tar, header)) {
                if (isZero(header)) {
                    return false; // end of archive
                }
                String name = text(header, 0, 100);
                String prefix = text(header, 345, 155);
                long size = octal(header, 124, 12);
                char type = (char) header[156];
                String path = prefix.isEmpty() ? name : prefix + "/" + name;
                long padded = (size + BLOCK - 1) / BLOCK * BLOCK;
                if ((type == '0' || type == 0) && matches(path, fileName)) {
                    try (InputStream body = new BoundedStream(tar, size)) {
                        Files.copy(body, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                    if (Files.size(target) != size) {
                        throw new IOException("the archive ends inside [" + path + "]");
                    }
                    return true;
                }
                skip(tar, padded);
            }
        }
        throw new IOException("the archive ends without its end-of-archive blocks");
    }

    private static boolean matches(String path, String fileName) {
        return path.equals(fileName) || path.endsWith("/" + fileName);
    }

    private static boolean readFully(InputStream in, byte[] block) throws IOException {
        int n = in.readNBytes(block, 0, block.length);
        if (n == 0) {
            return false;
        }
        if (n < block.length) {
            throw new IOException("the archive ends inside a header");
        }
        return true;
    }

    private static void skip(InputStream in, long n) throws IOException {
        long left = n;
        while (left > 0) {
            long s = in.skip(left);
            if (s <= 0) {
                if (in.read() < 0) {
                    throw new IOException("the archive ends inside an entry");
                }
                s = 1;
            }
            left -= s;
        }
    }

    private static boolean isZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    private static String text(byte[] b, int off, int len) {
        int end = off;
        while (end < off + len && b[end] != 0) {
            end++;
        }
        return new String(b, off, end - off, StandardCharsets.UTF_8);
    }

    private static long octal(byte[] b, int off, int len) throws IOException {
        String s = text(b, off, len).strip();
        try {
            return s.isEmpty() ? 0 : Long.parseLong(s, 8);
        } catch (NumberFormatException e) {
            throw new IOException("not a tar header (size field [" + s + "])", e);
        }
    }

    /** The next {@code size} bytes of a stream, leaving the stream open. */
    private static final class BoundedStream extends InputStream {
        private final InputStream in;
        private long left;

        BoundedStream(InputStream in, long size) {
            this.in = in;
            this.left = size;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(buf, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }

        @Override
        public void close() {
            // the tar stream stays open for the caller
        }
    }
}
