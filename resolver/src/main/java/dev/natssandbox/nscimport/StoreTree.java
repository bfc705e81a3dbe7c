package dev.natssandbox.nscimport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.natssandbox.InvalidInputException;
import dev.natssandbox.NatsSandboxException;
import dev.natssandbox.jwt.Jwt;
import dev.natssandbox.jwt.JwtException;
import dev.natssandbox.jwt.Jwts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The JWTs of one operator's nsc store ({@code <operator>/<operator>.jwt}, {@code accounts/<a>/<a>.jwt},
 * {@code accounts/<a>/users/<u>.jwt}), decoded and verified, with every file or directory name checked against the
 * JWT's {@code name} claim: nats-sandbox finds keys and creds by name, so a store whose names disagree is refused
 * with every disagreement listed.
 *
 * @param operatorDir the operator's store directory
 * @param operator    the operator JWT
 * @param accounts    the accounts, sorted by name
 * @param warnings    what was skipped or adjusted while reading
 */
record StoreTree(Path operatorDir, Entry operator, List<AccountEntry> accounts, List<ImportWarning> warnings) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One JWT file.
     *
     * @param name the identity's name (the file or directory name)
     * @param file the JWT file
     * @param jwt  the decoded token
     */
    record Entry(String name, Path file, Jwt jwt) {
        String publicKey() {
            return jwt.subject();
        }
    }

    /**
     * An account with its users.
     *
     * @param account the account JWT
     * @param users   the user JWTs, sorted by name
     */
    record AccountEntry(Entry account, List<Entry> users) {
        String name() {
            return account.name();
        }
    }

    StoreTree {
        accounts = List.copyOf(accounts);
        warnings = List.copyOf(warnings);
    }

    /**
     * @param dir          a stores directory (holding {@code <operator>/}), an operator directory, generate's output
     *                     directory (holding {@code stores/<operator>/}) or an old {@code ~/.nsc} (holding
     *                     {@code nats/<operator>/})
     * @param operatorName the operator to read when the directory holds several, or {@code null}
     * @return the operator's store directory
     */
    static Path locateOperatorDir(Path dir, String operatorName) {
        Path d = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(d)) {
            throw new InvalidInputException("nsc store directory [" + d + "] does not exist or is not a directory; "
                    + "give the directory that holds <operator>/<operator>.jwt (nsc env prints it as 'Stores Dir')");
        }
        if (isOperatorDir(d)) {
            String name = d.getFileName().toString();
            if (operatorName != null && !operatorName.equals(name)) {
                throw new InvalidInputException("[" + d + "] is the store of operator [" + name + "], not of ["
                        + operatorName + "]; give its parent directory or choose operator [" + name + "]");
            }
            return d;
        }
        List<Path> operators = operatorDirs(d);
        for (String sub : List.of("stores", "nats")) {
            // generate's output directory keeps the stores in stores/; an old ~/.nsc kept them in nats/
            if (operators.isEmpty() && Files.isDirectory(d.resolve(sub))) {
                operators = operatorDirs(d.resolve(sub));
            }
        }
        List<String> names = operators.stream().map(p -> p.getFileName().toString()).toList();
        if (operatorName != null) {
            return operators.stream().filter(p -> p.getFileName().toString().equals(operatorName)).findFirst()
                    .orElseThrow(() -> new InvalidInputException("no operator [" + operatorName + "] in nsc store ["
                            + d + "]; operators are: " + names));
        }
        if (operators.isEmpty()) {
            throw new InvalidInputException("[" + d + "] holds no nsc operator store: expected " + d
                    + "/<operator>/<operator>.jwt, or the operator directory itself");
        }
        if (operators.size() > 1) {
            throw new InvalidInputException("nsc store [" + d + "] holds " + operators.size() + " operators " + names
                    + "; choose one (CLI: --nsc-operator NAME)");
        }
        return operators.get(0);
    }

    private static boolean isOperatorDir(Path d) {
        Path name = d.getFileName();
        return name != null && (Files.isRegularFile(d.resolve(".nsc"))
                || Files.isRegularFile(d.resolve(name + ".jwt")));
    }

    private static List<Path> operatorDirs(Path d) {
        try (Stream<Path> s = Files.list(d)) {
            return s.filter(Files::isDirectory).filter(StoreTree::isOperatorDir).sorted().toList();
        } catch (IOException e) {
            throw new NatsSandboxException("cannot list nsc store [" + d + "]: " + e, e);
        }
    }

    /**
     * @param operatorDir an operator's store directory
     * @return its JWTs
     * @throws InvalidInputException listing every name that disagrees with its JWT, or naming an unreadable JWT
     */
    static StoreTree read(Path operatorDir) {
        List<String> conflicts = new ArrayList<>();
        List<ImportWarning> warnings = new ArrayList<>();
        String opName = operatorDir.getFileName().toString();
        Path opFile = operatorDir.resolve(opName + ".jwt");
        if (!Files.isRegularFile(opFile)) {
            throw new InvalidInputException("nsc operator directory [" + operatorDir + "] has no operator JWT ["
                    + opFile.getFileName() + "]; nsc keeps it as <operator>/<operator>.jwt");
        }
        Entry operator = entry(opName, opFile, "operator", operatorDir, conflicts, warnings);
        nscFileName(operatorDir).filter(n -> !n.equals(opName)).ifPresent(n -> conflicts.add(
                ".nsc: directory [" + opName + "] but the .nsc file names operator [" + n + "]"));

        List<AccountEntry> accounts = new ArrayList<>();
        for (Path dir : list(operatorDir.resolve("accounts"), Files::isDirectory)) {
            String name = dir.getFileName().toString();
            Path file = dir.resolve(name + ".jwt");
            if (!Files.isRegularFile(file)) {
                warnings.add(new ImportWarning("account directory [" + name + "]", "has no [" + name
                        + ".jwt]; nsc does not list it as an account and it is not imported"));
                continue;
            }
            Entry account = entry(name, file, "account", operatorDir, conflicts, warnings);
            List<Entry> users = new ArrayList<>();
            for (Path u : list(dir.resolve("users"), p -> Files.isRegularFile(p)
                    && p.getFileName().toString().endsWith(".jwt"))) {
                String file0 = u.getFileName().toString();
                users.add(entry(file0.substring(0, file0.length() - 4), u, "user", operatorDir, conflicts,
                        warnings));
            }
            accounts.add(new AccountEntry(account, users));
        }
        Map<String, String> byKey = new HashMap<>();
        for (AccountEntry a : accounts) {
            String other = byKey.putIfAbsent(a.account().publicKey(), a.name());
            if (other != null) {
                conflicts.add("accounts [" + other + "] and [" + a.name() + "] have the same public key ["
                        + a.account().publicKey() + "]");
            }
        }
        if (!conflicts.isEmpty()) {
            throw new InvalidInputException("nsc store [" + operatorDir + "] does not name its identities as their "
                    + "JWTs do; nats-sandbox finds keys and creds by name, so they must agree:"
                    + conflicts.stream().map(c -> "\n  - " + c).collect(Collectors.joining())
                    + "\nRename each file or directory to the name in its JWT (nsc writes them that way), or "
                    + "re-issue the JWT under the file's name.");
        }
        return new StoreTree(operatorDir, operator, accounts, warnings);
    }

    private static Entry entry(String name, Path file, String type, Path root, List<String> conflicts,
                               List<ImportWarning> warnings) {
        Jwt jwt = decode(file);
        if (!jwt.type().equals(type)) {
            throw new InvalidInputException(file.toString(), "holds " + article(jwt.type()) + " JWT where nsc keeps "
                    + article(type) + " JWT; replace the file with the " + type + "'s JWT", null);
        }
        String claimed = jwt.name();
        if (!claimed.equals(name)) {
            if (claimed.strip().equals(name)) {
                // nsc trims names when it names files (SafeName); the sandbox uses the trimmed name.
                warnings.add(new ImportWarning(type + " [" + name + "]", "the JWT's name claim [" + claimed
                        + "] has surrounding whitespace; the sandbox names it [" + name + "]"));
            } else {
                conflicts.add(root.relativize(file) + ": " + (type.equals("user") ? "file" : "directory") + " ["
                        + name + "] but the JWT's name claim is [" + claimed + "]");
            }
        }
        return new Entry(name, file, jwt);
    }

    private static Jwt decode(Path file) {
        String token;
        try {
            token = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new NatsSandboxException("cannot read JWT file [" + file + "]: " + e, e);
        }
        try {
            return Jwts.decode(token);
        } catch (JwtException e) {
            throw new InvalidInputException(file.toString(), "is not a valid JWT: " + e.getMessage(), e);
        }
    }

    private static java.util.Optional<String> nscFileName(Path operatorDir) {
        Path f = operatorDir.resolve(".nsc");
        if (!Files.isRegularFile(f)) {
            return java.util.Optional.empty();
        }
        try {
            JsonNode n = JSON.readTree(Files.readString(f, StandardCharsets.UTF_8));
            String name = n == null ? "" : n.path("name").asText("");
            return name.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(name.strip());
        } catch (IOException e) {
            throw new InvalidInputException(f.toString(), "is not the JSON nsc writes: " + e.getMessage()
                    + "; expected {\"name\":\"<operator>\",\"kind\":\"operator\",...}", e);
        }
    }

    private static List<Path> list(Path dir, java.util.function.Predicate<Path> filter) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(filter).sorted().toList();
        } catch (IOException e) {
            throw new NatsSandboxException("cannot list [" + dir + "]: " + e, e);
        }
    }

    private static String article(String type) {
        return (type.matches("^[aeio].*") ? "an " : "a ") + type;
    }
}
