package dev.natssandbox.cli;

import dev.natssandbox.jwt.AccountClaims;
import dev.natssandbox.jwt.Export;
import dev.natssandbox.jwt.ExportType;
import dev.natssandbox.jwt.Import;
import dev.natssandbox.jwt.JwtException;
import dev.natssandbox.jwt.Jwts;
import dev.natssandbox.jwt.ResponseType;
import dev.natssandbox.jwt.SigningKey;
import dev.natssandbox.jwt.UserScope;
import dev.natssandbox.jwt.WeightedMapping;

import java.util.List;
import java.util.Map;

/** The tables nsc prints after an account's details: exports, imports, mappings and scoped signing keys. */
final class AccountTables {
    private AccountTables() {
    }

    static void append(StringBuilder out, AccountClaims a) {
        if (!a.exports().isEmpty()) {
            out.append('\n').append(exports(a.exports()));
        }
        if (!a.imports().isEmpty()) {
            out.append('\n').append(imports(a.imports()));
        }
        if (!a.mappings().isEmpty()) {
            out.append('\n').append(mappings(a.mappings()));
        }
        for (SigningKey k : a.signingKeys()) {
            if (k.isScoped()) {
                out.append('\n').append(scopedKey(k.key(), k.scope()));
            }
        }
    }

    static String exports(List<Export> exports) {
        Table t = new Table("Exports").header("Name", "Type", "Subject", "Account Token Position", "Public",
                "Revocations", "Tracking");
        Table descriptions = new Table("Exports - Descriptions").header("Name", "Description", "Info Url");
        for (Export e : exports) {
            String tracking = "N/A";
            String kind = Describer.titleCase(e.type().wireName());
            if (e.type() == ExportType.SERVICE) {
                tracking = e.latency() == null ? "-" : e.latency().results() + " (" + (e.latency().sampling() == 0
                        ? "headers" : e.latency().sampling() + "%") + ")";
                if (e.responseType() == ResponseType.STREAM || e.responseType() == ResponseType.CHUNKED) {
                    kind += " [" + e.responseType().wireName() + "]";
                }
                if (e.allowTrace()) {
                    kind += " (allow trace)";
                }
            }
            t.row(e.name(), kind, e.subject(), e.accountTokenPosition() > 0
                    ? Integer.toString(e.accountTokenPosition()) : "-", e.tokenRequired() ? "No" : "Yes",
                    Integer.toString(e.revocations().size()), tracking);
            if (!e.description().isEmpty() || !e.infoUrl().isEmpty()) {
                descriptions.row(e.name(), e.description().replace('\n', ' '), e.infoUrl());
            }
        }
        return t.render() + (descriptions.isEmpty() ? "" : "\n" + descriptions.render());
    }

    static String imports(List<Import> imports) {
        Table t = new Table("Imports").header("Name", "Type", "Remote", "Local", "Expires", "From Account",
                "Public");
        for (Import i : imports) {
            String remote = i.subject();
            String local = i.localSubject();
            if (i.type() == ExportType.SERVICE && !i.to().isEmpty()) {
                // A service import's legacy "to" is the remote subject and "subject" the local one, as nsc shows.
                local = i.subject();
                remote = i.to();
            }
            String expires = "";
            if (!i.token().isEmpty()) {
                try {
                    long exp = Jwts.decode(i.token()).expires();
                    expires = exp == 0 ? "" : Describer.time(exp);
                } catch (JwtException e) {
                    expires = "invalid activation: " + e.getMessage();
                }
            }
            t.row(i.name(), Describer.titleCase(i.type().wireName()) + (i.allowTrace() ? " (allow trace)" : ""),
                    remote, local, expires, i.account(),
                    i.token().isEmpty() ? "Yes" : "No");
        }
        return t.render();
    }

    static String mappings(Map<String, List<WeightedMapping>> mappings) {
        Table t = new Table("Mappings").header("From", "To", "Weight (%)");
        mappings.forEach((from, to) -> {
            int sum = 0;
            boolean first = true;
            for (WeightedMapping m : to) {
                int weight = m.weight() == 0 ? 100 : m.weight();
                sum += weight;
                t.row(first ? from : "", m.subject() + (m.cluster().isEmpty() ? "" : " (cluster " + m.cluster()
                        + ")"), Integer.toString(weight));
                first = false;
            }
            t.row("", "", "sum=" + sum);
        });
        return t.render();
    }

    static String scopedKey(String key, UserScope scope) {
        Table t = new Table("Scoped Signing Key - Details").row("Key", key).row("Role", scope.role())
                .row("Description", scope.description());
        Describer.permissions(t, scope.template().permissions());
        t.section();
        Describer.limits(t, scope.template());
        t.row("Bearer Token", scope.template().bearerToken() ? "Yes" : "No");
        return t.render();
    }
}
