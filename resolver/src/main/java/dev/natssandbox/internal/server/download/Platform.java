package dev.natssandbox.internal.server.download;

import dev.natssandbox.NatsSandboxException;

import java.util.Locale;

/**
 * An operating system and architecture as nats-server's releases name them ({@code linux-amd64},
 * {@code darwin-arm64}, {@code windows-amd64} …).
 *
 * @param os   {@code linux}, {@code darwin}, {@code windows} or {@code freebsd}
 * @param arch {@code amd64}, {@code arm64}, {@code 386}, {@code arm7}, {@code ppc64le}, {@code s390x} …
 */
public record Platform(String os, String arch) {
    /** @return this JVM's platform */
    public static Platform current() {
        return of(System.getProperty("os.name"), System.getProperty("os.arch"));
    }

    /**
     * @param osName the {@code os.name} system property
     * @param osArch the {@code os.arch} system property
     * @return the platform as the releases name it
     * @throws NatsSandboxException when nats-server publishes no release for it
     */
    public static Platform of(String osName, String osArch) {
        String n = osName.toLowerCase(Locale.ROOT);
        String os = n.startsWith("linux") ? "linux" : n.startsWith("mac") || n.startsWith("darwin") ? "darwin"
                : n.startsWith("windows") ? "windows" : n.startsWith("freebsd") ? "freebsd" : null;
        String arch = switch (osArch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            case "x86", "i386", "i486", "i586", "i686" -> "386";
            case "arm", "armv7", "armv7l" -> "arm7";
            case "ppc64le" -> "ppc64le";
            case "s390x" -> "s390x";
            case "mips64el", "mips64le" -> "mips64le";
            default -> null;
        };
        if (os == null || arch == null) {
            throw new NatsSandboxException("nats-server publishes no release for this platform (os.name [" + osName
                    + "], os.arch [" + osArch + "]); install nats-server for it and point natssandbox.server.path "
                    + "at the binary");
        }
        return new Platform(os, arch);
    }

    /**
     * @param version the release version, without {@code v}
     * @return the release archive's file name, e.g. {@code nats-server-v2.15.1-linux-amd64.tar.gz}
     */
    public String asset(String version) {
        return directory(version) + (os.equals("windows") ? ".zip" : ".tar.gz");
    }

    /**
     * @param version the release version, without {@code v}
     * @return the directory the archive wraps its files in, e.g. {@code nats-server-v2.15.1-linux-amd64}
     */
    public String directory(String version) {
        return "nats-server-v" + version + "-" + os + "-" + arch;
    }

    /** @return the binary's file name: {@code nats-server}, or {@code nats-server.exe} on Windows */
    public String binary() {
        return os.equals("windows") ? "nats-server.exe" : "nats-server";
    }

    @Override
    public String toString() {
        return os + "-" + arch;
    }
}
