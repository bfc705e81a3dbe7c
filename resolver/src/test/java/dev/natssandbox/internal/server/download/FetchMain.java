package dev.natssandbox.internal.server.download;

import dev.natssandbox.server.ServerDownload;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/** A second JVM fetching the same release: args base URL, version, cache directory. Prints the binary's path. */
public final class FetchMain {
    private FetchMain() {
    }

    public static void main(String[] args) {
        ServerDownload d = ServerDownload.fromEnvironment(new Properties(), Map.of()).enable()
                .withBaseUrl(URI.create(args[0])).withVersion(args[1]).withCacheDirectory(Path.of(args[2]));
        System.out.println("ready");
        System.out.flush();
        System.out.println(new ReleaseFetcher(d, new Platform("linux", "amd64")).fetch());
    }
}
