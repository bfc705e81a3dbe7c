package dev.natssandbox.internal.store;


import java.nio.file.Path;

/**
 * Where things live in an nsc-compatible tree, as nsc lays them out:
 *
 * <pre>
 * DIR/server.conf
 * DIR/nats-sandbox.json                                 names to public keys (no secrets), for reuse
 * DIR/stores/&lt;operator&gt;/.nsc
 * DIR/stores/&lt;operator&gt;/&lt;operator&gt;.jwt
 * DIR/stores/&lt;operator&gt;/accounts/&lt;account&gt;/&lt;account&gt;.jwt
 * DIR/stores/&lt;operator&gt;/accounts/&lt;account&gt;/users/&lt;user&gt;.jwt
 * DIR/keys/keys/&lt;kind&gt;/&lt;2nd-3rd char&gt;/&lt;public key&gt;.nk   seeds, 0600
 * DIR/keys/creds/&lt;operator&gt;/&lt;account&gt;/&lt;user&gt;.creds    0600
 * </pre>
 *
 * nsc itself uses the tree with {@code nsc env --store DIR/stores} and {@code NKEYS_PATH=DIR/keys}.
 */
public record StoreLayout(Path root) {
    /** Name of the server configuration file. */
    public static final String SERVER_CONF = "server.conf";
    /** Name of the index file mapping names to public keys. */
    public static final String INDEX = "nats-sandbox.json";

    /** @return the server configuration file */
    public Path serverConf() {
        return root.resolve(SERVER_CONF);
    }

    /** @return the index file */
    public Path index() {
        return root.resolve(INDEX);
    }

    /** @return the stores directory (what {@code nsc env --store} points at) */
    public Path stores() {
        return root.resolve("stores");
    }

    /** @return the keystore directory (what {@code NKEYS_PATH} points at) */
    public Path keys() {
        return root.resolve("keys");
    }

    /**
     * @param operator operator name
     * @return the operator's store directory
     */
    public Path operatorDir(String operator) {
        return stores().resolve(operator);
    }

    /**
     * @param operator operator name
     * @return the operator JWT file
     */
    public Path operatorJwt(String operator) {
        return operatorDir(operator).resolve(operator + ".jwt");
    }

    /**
     * @param operator operator name
     * @param account account name
     * @return the account's directory
     */
    public Path accountDir(String operator, String account) {
        return operatorDir(operator).resolve("accounts").resolve(account);
    }

    /**
     * @param operator operator name
     * @param account account name
     * @return the account JWT file
     */
    public Path accountJwt(String operator, String account) {
        return accountDir(operator, account).resolve(account + ".jwt");
    }

    /**
     * @param operator operator
     * @param account account
     * @param user user
     * @return the user JWT file
     */
    public Path userJwt(String operator, String account, String user) {
        return accountDir(operator, account).resolve("users").resolve(user + ".jwt");
    }

    /**
     * @param operator operator
     * @param account account
     * @param user user
     * @return the user's creds file
     */
    public Path creds(String operator, String account, String user) {
        return keys().resolve("creds").resolve(operator).resolve(account).resolve(user + ".creds");
    }

    /**
     * @param publicKey a public key
     * @return its seed file: {@code keys/keys/<first char>/<chars 2-3>/<key>.nk}
     */
    public Path seed(String publicKey) {
        return seedIn(keys(), publicKey);
    }

    /**
     * @param keysDir   a keystore directory ({@code NKEYS_PATH})
     * @param publicKey a public key
     * @return where nsc keeps its seed
     */
    public static Path seedIn(Path keysDir, String publicKey) {
        return keysDir.resolve("keys").resolve(publicKey.substring(0, 1)).resolve(publicKey.substring(1, 3))
                .resolve(publicKey + ".nk");
    }
}
