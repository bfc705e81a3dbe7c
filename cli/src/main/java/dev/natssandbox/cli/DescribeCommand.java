package dev.natssandbox.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.natssandbox.InvalidInputException;
import dev.natssandbox.NatsSandboxException;
import dev.natssandbox.internal.config.ParsedServerConfig;
import dev.natssandbox.creds.Creds;
import dev.natssandbox.jwt.ChainVerifier;
import dev.natssandbox.internal.jwt.ClaimRules;
import dev.natssandbox.jwt.Jwt;
import dev.natssandbox.jwt.JwtException;
import dev.natssandbox.jwt.Jwts;
import dev.natssandbox.internal.jwt.TokenRules;
import dev.natssandbox.internal.util.InputFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code describe FILE|TOKEN [--json]}: decode, verify and show a JWT, a creds file or a server configuration. */
@Command(name = "describe",
        description = {"Decode a JWT, a .creds file or a server configuration, verify every signature (and, for a "
                + "configuration, the chain of trust), and print nsc-like tables or the claims as JSON.",
                "Shows the reference library's verdict (valid, expired, not yet valid or invalid, with its problems).",
                "Exits 1 on a bad signature, a broken chain, malformed input or a token the reference refuses. Seeds "
                        + "are never printed."})
final class DescribeCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** Tokens are at most 1 MiB; a configuration with preloaded accounts a few times that. */
    private static final int MAX_INPUT_BYTES = 4 * 1024 * 1024;

    @Parameters(paramLabel = "FILE|TOKEN", description = "A JWT, a file holding one, a .creds file or a server.conf.")
    String input;

    @Option(names = "--json", description = "Print the decoded claims as JSON instead of tables.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Instant now = Instant.now();
        Path file = asFile(input);
        if (file == null) {
            return token(input.strip(), "argument", out, now);
        }
        String text = read(file, input);
        if (text.contains("BEGIN NATS USER JWT")) {
            Creds creds = Creds.parse(text, file.toString());
            Jwt jwt = Jwts.decode(creds.jwt());
            List<ClaimRules.Problem> problems = TokenRules.problems(jwt);
            if (json) {
                ObjectNode root = JSON.createObjectNode();
                root.set("jwt", withVerdict(jwt, problems, now));
                root.put("seed", "<redacted: a user seed matching the JWT subject>");
                out.println(write(root));
            } else {
                out.print(Describer.describe(jwt, now));
                out.println("Seed: redacted (a user seed whose public key matches the JWT subject)");
                out.print(verdictText(jwt, problems, now));
            }
            return problems.isEmpty() ? Main.OK : Main.INVALID;
        }
        if (text.contains("operator") && (text.contains("resolver") || text.contains("system_account"))) {
            return config(file, out, err, now);
        }
        return token(text.strip(), file.toString(), out, now);
    }

    private int token(String token, String where, PrintWriter out, Instant now) {
        Jwt jwt;
        try {
            jwt = Jwts.decode(token);
        } catch (JwtException e) {
            throw new InvalidInputException(where, e.getMessage(), e);
        }
        List<ClaimRules.Problem> problems = TokenRules.problems(jwt);
        out.print(json ? write(withVerdict(jwt, problems, now)) + "\n"
                : Describer.describe(jwt, now) + verdictText(jwt, problems, now));
        return problems.isEmpty() ? Main.OK : Main.INVALID;
    }

    /**
     * The reference's verdict: {@code invalid} when its Validate reports a blocking problem (nats-server refuses
     * the token), else {@code expired} or {@code not yet valid} by the clock, else {@code valid}.
     */
    static String status(Jwt jwt, List<ClaimRules.Problem> problems, Instant now) {
        if (!problems.isEmpty()) {
            return "invalid";
        }
        return jwt.isExpired(now) ? "expired" : jwt.isNotYetValid(now) ? "not yet valid" : "valid";
    }

    private static ObjectNode withVerdict(Jwt jwt, List<ClaimRules.Problem> problems, Instant now) {
        JsonNode claims = payload(jwt);
        ObjectNode root = claims.isObject() ? (ObjectNode) claims : JSON.createObjectNode();
        root.put("status", status(jwt, problems, now));
        ArrayNode list = root.putArray("problems");
        problems.forEach(p -> list.add(p.toString()));
        return root;
    }

    private static String verdictText(Jwt jwt, List<ClaimRules.Problem> problems, Instant now) {
        StringBuilder b = new StringBuilder("Status: ").append(status(jwt, problems, now));
        if (!problems.isEmpty()) {
            b.append(" (the reference refuses it; nats-server will too)");
        }
        b.append('\n');
        problems.forEach(p -> b.append("  problem: ").append(p).append('\n'));
        return b.toString();
    }

    private int config(Path file, PrintWriter out, PrintWriter err, Instant now) {
        ParsedServerConfig config = ParsedServerConfig.read(file);
        Jwt operator = decode(config.operatorJwt(), file + ": operator");
        List<String> problems = new ArrayList<>(ChainVerifier.checkOperator(operator, now));
        TokenRules.problems(operator).forEach(p -> problems.add("operator: " + p));
        if (!config.systemAccount().isEmpty() && !config.systemAccount().equals(operator.operator().systemAccount())
                && !operator.operator().systemAccount().isEmpty()) {
            problems.add("system_account [" + config.systemAccount() + "] differs from the operator's ["
                    + operator.operator().systemAccount() + "]");
        }
        List<Jwt> accounts = new ArrayList<>();
        for (Map.Entry<String, String> e : config.preload().entrySet()) {
            Jwt account = decode(e.getValue(), file + ": resolver_preload." + e.getKey());
            if (!account.subject().equals(e.getKey())) {
                problems.add("resolver_preload key [" + e.getKey() + "] holds the JWT of [" + account.subject() + "]");
            }
            problems.addAll(ChainVerifier.checkAccount(operator, account, now));
            TokenRules.problems(account).forEach(p -> problems.add("account " + account.subject() + ": " + p));
            accounts.add(account);
        }
        if (!config.systemAccount().isEmpty() && config.resolver().equalsIgnoreCase("MEMORY")
                && !config.preload().containsKey(config.systemAccount())) {
            problems.add("system_account [" + config.systemAccount() + "] is not preloaded; nats-server will refuse "
                    + "to start with the memory resolver");
        }
        if (json) {
            ObjectNode root = JSON.createObjectNode();
            root.set("operator", payload(operator));
            root.put("system_account", config.systemAccount());
            root.put("resolver", config.resolver());
            ObjectNode preload = root.putObject("resolver_preload");
            accounts.forEach(a -> preload.set(a.subject(), payload(a)));
            ArrayNode p = root.putArray("problems");
            problems.forEach(p::add);
            out.println(write(root));
        } else {
            Map<String, String> names = new java.util.HashMap<>();
            accounts.forEach(a -> names.put(a.subject(), a.name()));
            out.print(Describer.describe(operator, now, names));
            out.println("Resolver: " + config.resolver() + ", system account: " + config.systemAccount()
                    + (names.containsKey(config.systemAccount()) ? " / " + names.get(config.systemAccount()) : ""));
            for (Jwt a : accounts) {
                out.print(Describer.describe(a, now));
            }
        }
        if (!problems.isEmpty()) {
            problems.forEach(p -> err.println("invalid: " + p));
            return Main.INVALID;
        }
        return Main.OK;
    }

    private static Jwt decode(String token, String where) {
        try {
            return Jwts.decode(token);
        } catch (JwtException e) {
            throw new InvalidInputException(where, e.getMessage(), e);
        }
    }

    /** A JWT (base64url: no '/', starts with the header's "eyJ") unless a file of that name exists. */
    private static Path asFile(String input) {
        String s = input.strip();
        boolean tokenShaped = s.startsWith("eyJ") && s.indexOf('/') < 0 && s.indexOf('\\') < 0;
        try {
            Path p = Path.of(input);
            return tokenShaped && !Files.exists(p) ? null : p;
        } catch (java.nio.file.InvalidPathException e) {
            if (tokenShaped) {
                return null;
            }
            throw new InvalidInputException("[" + input + "] is neither a file name nor a JWT; give the path of a "
                    + "token, .creds or server.conf file, or the token itself (it starts with eyJ)");
        }
    }

    private static String read(Path file, String input) {
        byte[] bytes = InputFiles.read(file, "file", MAX_INPUT_BYTES, message -> new InvalidInputException(message
                + (input.contains("/") ? "" : "; a token given on the command line starts with eyJ")));
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidInputException("file [" + file.toAbsolutePath() + "] is not UTF-8 text; give a JWT, "
                    + ".creds or server.conf file");
        }
    }

    private static JsonNode payload(Jwt jwt) {
        try {
            return JSON.readTree(jwt.payloadJson());
        } catch (IOException e) {
            throw new NatsSandboxException("cannot render the claims of " + jwt + ": " + e, e);
        }
    }

    private static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (IOException e) {
            throw new NatsSandboxException("cannot render JSON: " + e, e);
        }
    }
}
