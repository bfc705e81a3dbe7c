package dev.natssandbox.creds;

import dev.natssandbox.InvalidInputException;
import dev.natssandbox.NatsSandboxException;
import dev.natssandbox.jwt.Jwt;
import dev.natssandbox.jwt.Jwts;
import dev.natssandbox.keys.KeyKind;
import dev.natssandbox.keys.NatsKeyPair;
import dev.natssandbox.internal.util.SecureFiles;

import java.io.IOException;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A user's credentials: the user JWT and the user seed, as a {@code .creds} file holds them. The file format is
 * byte-for-byte what nsc, the Go library and jnats ({@code JwtUtils.NATS_USER_JWT_FORMAT}) write: five dashes
 * open a block, six close it.
 *
 * <p>The seed is kept as a {@code char[]}; {@link #toString()} never shows it, and files are written with mode
 * 0600 in directories of mode 0700.
 */
public final class Creds {
    static final String JWT_BEGIN = "-----BEGIN NATS USER JWT-----";
    static final String JWT_END = "------END NATS USER JWT------";
    static final String SEED_BEGIN = "-----BEGIN USER NKEY SEED-----";
    static final String SEED_END = "------END USER NKEY SEED------";
    static final String NOTICE = "************************* IMPORTANT *************************\n"
            + "NKEY Seed printed below can be used to sign and prove identity.\n"
            + "NKEYs are sensitive and should be treated as secrets.\n";
    static final String FOOTER = "*************************************************************\n";

    private final String jwt;
    private final char[] seed;
    private final String userKey;

    private Creds(String jwt, char[] seed, String userKey) {
        this.jwt = jwt;
        this.seed = seed;
        this.userKey = userKey;
    }

    /**
     * @param userJwt the user JWT
     * @param user    the user's key pair (its seed is copied)
     * @return the credentials
     */
    public static Creds of(String userJwt, NatsKeyPair user) {
        Objects.requireNonNull(userJwt, "userJwt");
        if (user.kind() != KeyKind.USER) {
            throw new InvalidInputException("creds need a user key; got " + user);
        }
        return new Creds(userJwt, user.seed(), user.publicKey());
    }

    /**
     * Parses and checks credentials: the JWT must decode, verify and be a user JWT, the seed must be a user seed
     * whose public key is the JWT's subject.
     *
     * @param text  the file content
     * @param where where it came from (a file name), for messages; may be {@code null}
     * @return the credentials
     * @throws CredsFormatException naming what is missing or inconsistent (never the seed)
     */
    public static Creds parse(CharSequence text, String where) {
        List<String> blocks = blocks(text);
        if (blocks.isEmpty()) {
            throw new CredsFormatException(where, "no JWT block found; a creds file starts with " + JWT_BEGIN, null);
        }
        if (blocks.size() < 2) {
            throw new CredsFormatException(where, "no seed block found; a creds file has a " + SEED_BEGIN
                    + " block after the JWT", null);
        }
        String token = blocks.get(0);
        Jwt decoded;
        try {
            decoded = Jwts.decode(token);
        } catch (InvalidInputException e) {
            throw new CredsFormatException(where, "the JWT is not valid: " + e.getMessage(), e);
        }
        if (!decoded.type().equals("user")) {
            String type = decoded.type();
            throw new CredsFormatException(where, "the JWT is " + ("aeiou".indexOf(type.isEmpty() ? 'x'
                    : type.charAt(0)) >= 0 ? "an " : "a ") + type + " JWT; a creds file holds a user JWT", null);
        }
        char[] seed = blocks.get(1).toCharArray();
        NatsKeyPair kp;
        try {
            kp = NatsKeyPair.fromSeed(seed, KeyKind.USER);
        } catch (InvalidInputException e) {
            Arrays.fill(seed, '\0');
            throw new CredsFormatException(where, "the seed is not valid: " + e.getMessage(), e);
        }
        if (!kp.publicKey().equals(decoded.subject())) {
            Arrays.fill(seed, '\0');
            throw new CredsFormatException(where, "the seed belongs to user [" + kp.publicKey()
                    + "] but the JWT is for user [" + decoded.subject() + "]", null);
        }
        return new Creds(token, seed, decoded.subject());
    }

    /**
     * @param file a {@code .creds} file
     * @return the checked credentials
     * @throws CredsFormatException when the file is malformed; {@link NatsSandboxException} when unreadable
     */
    public static Creds read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new NatsSandboxException("cannot read creds file [" + file + "]: "
                    + dev.natssandbox.internal.util.InputFiles.reason(e), e);
        }
        CharBuffer chars = StandardCharsets.UTF_8.decode(java.nio.ByteBuffer.wrap(bytes));
        Arrays.fill(bytes, (byte) 0);
        try {
            return parse(chars, file.toString());
        } finally {
            if (chars.hasArray()) {
                Arrays.fill(chars.array(), '\0');
            }
        }
    }

    /**
     * Finds the {@code ---…---} delimited blocks as the Go library's {@code userConfigRE} does.
     */
    private static List<String> blocks(CharSequence text) {
        List<String> out = new ArrayList<>();
        String[] lines = text.toString().split("\r?\n", -1);
        for (int i = 0; i + 2 < lines.length; i++) {
            if (isDelimiter(lines[i]) && isDelimiter(lines[i + 2])) {
                String content = lines[i + 1].strip();
                if (!content.isEmpty() && content.chars().allMatch(c -> Character.isLetterOrDigit(c)
                        || c == '_' || c == '-' || c == '.' || c == '=')) {
                    out.add(content);
                    i += 2;
                }
            }
        }
        return out;
    }

    private static boolean isDelimiter(String line) {
        String t = line.strip();
        return t.length() >= 6 && t.startsWith("---") && t.endsWith("---");
    }

    /**
     * @return the user JWT
     */
    public String jwt() {
        return jwt;
    }

    /**
     * @return a copy of the user seed; wipe it when done
     */
    public char[] seed() {
        return seed.clone();
    }

    /**
     * @return the user's public key
     */
    public String userPublicKey() {
        return userKey;
    }

    /**
     * @return the user's key pair
     */
    public NatsKeyPair keyPair() {
        return NatsKeyPair.fromSeed(seed, KeyKind.USER);
    }

    /**
     * @return the exact content of a {@code .creds} file; wipe it when done
     */
    public char[] format() {
        StringBuilder sb = new StringBuilder(jwt.length() + 400);
        sb.append(JWT_BEGIN).append('\n').append(jwt).append('\n').append(JWT_END).append("\n\n")
                .append(NOTICE).append('\n')
                .append(SEED_BEGIN).append('\n').append(seed).append('\n').append(SEED_END).append("\n\n")
                .append(FOOTER);
        char[] out = new char[sb.length()];
        sb.getChars(0, sb.length(), out, 0);
        sb.setLength(0);
        for (int i = 0; i < sb.capacity(); i++) {
            sb.append('\0');
        }
        return out;
    }

    /**
     * @return the file content as UTF-8 bytes (ASCII in practice); wipe them when done
     */
    public byte[] toBytes() {
        char[] chars = format();
        byte[] out = new byte[chars.length];
        for (int i = 0; i < chars.length; i++) {
            out[i] = (byte) chars[i];
        }
        Arrays.fill(chars, '\0');
        return out;
    }

    /**
     * Writes the creds file with mode 0600, creating missing parent directories with mode 0700. The file is
     * written next to its final name and moved into place, so a reader never sees half a file.
     *
     * @param file where to write
     * @return {@code file}
     */
    public Path write(Path file) {
        byte[] bytes = toBytes();
        try {
            SecureFiles.writeSecret(file, bytes);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
        return file;
    }

    /**
     * @return the user's public key; never the seed
     */
    @Override
    public String toString() {
        return "Creds[user " + userKey + ", seed=<redacted>]";
    }
}
