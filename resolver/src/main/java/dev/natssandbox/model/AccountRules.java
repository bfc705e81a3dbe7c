package dev.natssandbox.model;

import dev.natssandbox.jwt.AccountLimits;
import dev.natssandbox.internal.jwt.ClaimRules;
import dev.natssandbox.jwt.Export;
import dev.natssandbox.jwt.Import;
import dev.natssandbox.jwt.WeightedMapping;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reference library's blocking rules ({@link ClaimRules}) applied to an account of the model, so that a spec
 * whose account JWT nats-server would refuse fails before anything is written.
 */
final class AccountRules {
    private AccountRules() {
    }

    static void check(String at, AccountLimits limits, List<Export> exports, List<ImportSpec> imports,
                      Map<String, List<WeightedMapping>> mappings, String description, String infoUrl) {
        List<ClaimRules.Problem> problems = new ArrayList<>();
        ClaimRules.exports("exports", exports, problems);
        Map<String, List<Import>> byAccount = new LinkedHashMap<>();
        for (int i = 0; i < imports.size(); i++) {
            ImportSpec s = imports.get(i);
            ClaimRules.importRules("imports[" + i + "]", s.subject(), s.localSubject(), s.type(), s.share(),
                    problems);
            byAccount.computeIfAbsent(s.account(), k -> new ArrayList<>()).add(Import.builder(s.account(),
                    s.subject(), s.type()).name(s.name()).localSubject(s.localSubject()).share(s.share()).build());
        }
        byAccount.forEach((account, list) -> ClaimRules.serviceOverlaps("imports", account, list, problems));
        ClaimRules.mappings("mappings", mappings, problems);
        ClaimRules.counts(limits, imports.size(), exports, problems);
        ClaimRules.info("", description, infoUrl, problems);
        if (!problems.isEmpty()) {
            ClaimRules.Problem first = problems.get(0);
            throw new InvalidSpecException(first.where().isEmpty() ? at : at + "." + first.where(), first.message());
        }
    }
}
