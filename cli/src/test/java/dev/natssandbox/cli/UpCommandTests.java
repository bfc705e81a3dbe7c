package dev.natssandbox.cli;

import dev.natssandbox.SecretAssertions;
import dev.natssandbox.keys.NatsKeyPair;
import dev.natssandbox.model.SandboxSpec;
import dev.natssandbox.provision.Hierarchy;
import dev.natssandbox.provision.Provisioner;
import dev.natssandbox.internal.store.NscStore;
import dev.natssandbox.internal.store.StoreLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code up}'s choice between a spec file and an nsc environment, decided before any server starts. */
class UpCommandTests {
    @TempDir
    Path tmp;

    private record Run(int code, String out, String err) {
    }

    private static Run up(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 1];
        all[0] = "up";
        System.arraycopy(args, 0, all, 1, args.length);
        int code = Main.execute(all, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void withoutSpecOrNscStoreItIsAUsageError() {
        Run r = up();
        assertEquals(Main.USAGE, r.code());
        assertTrue(r.err().startsWith("nothing to run: give a spec file (--spec FILE) or an existing nsc environment "
                + "(--nsc-store DIR [--nsc-keys DIR])"), r.err());
    }

    @Test
    void specAndNscStoreTogetherAreAUsageError() {
        Run r = up("--spec", "classpath:specs/issue-sample.yaml", "--nsc-store", "stores");
        assertEquals(Main.USAGE, r.code());
        assertTrue(r.err().startsWith("--spec [classpath:specs/issue-sample.yaml] and --nsc-store [stores] exclude "
                + "each other: run either a spec file or an nsc environment"), r.err());
    }

    @Test
    void nscOptionsWithoutNscStoreAreAUsageError() {
        Run r = up("--spec", "classpath:specs/issue-sample.yaml", "--nsc-keys", "keys");
        assertEquals(Main.USAGE, r.code());
        assertTrue(r.err().startsWith("--nsc-keys, --nsc-operator and --nsc-new-keys apply to an nsc environment; "
                + "add --nsc-store DIR or remove them"), r.err());
    }

    @Test
    void anEnvironmentWithoutItsAccountSeedsFailsBeforeTheServerStarts() throws Exception {
        Hierarchy h = Provisioner.provision(SandboxSpec.operator("Test").account("A", a -> a.user("u")).build());
        StoreLayout layout = NscStore.write(h, tmp.resolve("env"));
        Files.delete(layout.seed(h.account("A").publicKey()));

        Run r = up("--nsc-store", layout.stores().toString(), "--nsc-keys", layout.keys().toString());

        assertEquals(Main.INVALID, r.code());
        assertEquals("", r.out(), "progress goes to stderr");
        assertTrue(r.err().startsWith("Importing the nsc environment in " + layout.stores() + " …\n"), r.err());
        String error = r.err().substring(r.err().indexOf('\n') + 1);
        assertTrue(error.startsWith("invalid input: keystore [" + layout.keys() + "] lacks the seed of 1 key "
                + "needed to re-issue the environment's JWTs:\n  - account [A] [" + h.account("A").publicKey()
                + "], looked for in:"), error);
        for (NatsKeyPair k : new NatsKeyPair[] {h.operator().keyPair(), h.user("u").keyPair()}) {
            SecretAssertions.assertNoSecret(new String(k.seed()), r.err() + r.out());
        }
    }
}
