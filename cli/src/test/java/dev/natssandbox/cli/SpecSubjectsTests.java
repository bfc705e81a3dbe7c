package dev.natssandbox.cli;

import dev.natssandbox.model.SandboxSpec;
import dev.natssandbox.spec.SpecFiles;
import dev.natssandbox.spec.SpecFormat;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SpecSubjectsTests {
    @Test
    void everySubjectTheSpecNamesInOrderOnceAndWithoutQueueGroups() {
        SandboxSpec spec = SpecFiles.parse("""
                operator: {name: Test}
                accounts:
                  Other:
                    exports: [{subject: "x.>", type: stream}]
                  TestAccount:
                    signing_keys: [{name: svc, scoped: true, template: {pub: {allow: [tpl.pub]}}}]
                    default_permissions: {sub: {deny: [dflt.sub]}}
                    exports: [{name: req, subject: "req.>", type: service}]
                    imports: [{account: Other, subject: "x.>", type: stream, local_subject: "y.>"}]
                    users:
                      TestUser: {}
                      TestService: {pub: {allow: ["_INBOX.>"]}, sub: {allow: ["req.a workers"]}}
                      TestClient: {pub: {allow: [req.a], deny: [req.b]}, sub: {allow: ["_INBOX.>"], deny: [req.a]}}
                """, SpecFormat.YAML, "t.yaml");
        assertEquals(List.of("x.>", "_INBOX.>", "req.a", "req.b", "dflt.sub", "tpl.pub", "req.>", "y.>"),
                SpecSubjects.of(spec));
    }

    @Test
    void aSpecWithoutRulesNamesNoSubjects() {
        assertEquals(List.of(), SpecSubjects.of(SandboxSpec.operator("Test").account("A", a -> a.user("U")).build()));
    }
}
