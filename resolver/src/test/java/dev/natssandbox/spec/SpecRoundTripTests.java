package dev.natssandbox.spec;

import dev.natssandbox.jwt.Export;
import dev.natssandbox.jwt.ExportType;
import dev.natssandbox.jwt.JetStreamLimits;
import dev.natssandbox.model.ImportSpec;
import dev.natssandbox.model.SandboxSpec;
import dev.natssandbox.model.SigningKeySpec;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SpecRoundTripTests {

    @Test
    void everyKeyOfTheSchemaSurvivesWriteThenRead() {
        SandboxSpec full = SpecFilesTests.full();
        assertEquals(full, SpecFiles.parse(SpecFiles.write(full), SpecFormat.YAML, "written.yaml"));
        assertEquals(full, SpecFiles.parse(SpecFiles.write(full, SpecFormat.JSON), SpecFormat.JSON, "written.json"));
    }

    @Test
    void theIssueSampleIsWrittenWithoutItsDefaults() {
        assertEquals("""
                operator:
                  name: Test
                accounts:
                  Other:
                    exports:
                      - subject: x.>
                        type: stream
                  TestAccount:
                    exports:
                      - name: req
                        subject: req.>
                        type: service
                    imports:
                      - account: Other
                        subject: x.>
                        type: stream
                        local_subject: y.>
                    users:
                      TestUser: {}
                      TestService:
                        pub:
                          allow:
                            - _INBOX.>
                        sub:
                          allow:
                            - req.a
                      TestClient:
                        pub:
                          allow:
                            - req.a
                        sub:
                          allow:
                            - _INBOX.>
                        resp:
                          max: 1
                          ttl: 5s
                        src:
                          - "127.0.0.1/32"
                        times:
                          - start: "08:00:00"
                            end: "17:00:00"
                        expires: 1d
                """, SpecFiles.write(SpecFilesTests.issueSample()));
    }

    @Test
    void stringsThatLookLikeOtherYamlTypesAreQuotedAndReadBackUnchanged() {
        SandboxSpec spec = SandboxSpec.operator("007")
                .systemAccount("true")
                .account("no", a -> a
                        .description("")
                        .infoUrl("null://true")
                        .tags("~", "yes", "1.10", "1e3", "0x1F", "*", "&anchor", "#hash", "a: b", "- x", "12:30:00",
                                "multi\nline", "trailing ", "'q'", "\"dq\"")
                        .user("on", u -> u.allowPub("*", ">", "*.x").allowSub("a.* queue")))
                .build();
        String yaml = SpecFiles.write(spec);
        assertEquals(spec, SpecFiles.parse(yaml, SpecFormat.YAML, "quoted.yaml"));
        // A YAML 1.1 reader would turn unquoted 007, true and no into numbers and booleans.
        assertEquals(true, yaml.contains("name: \"007\""), yaml);
        assertEquals(true, yaml.contains("system_account: \"true\""), yaml);
        assertEquals(true, yaml.contains("\"no\":"), yaml);
    }

    @Test
    void defaultsStayOutOfTheTextAndTheAddedSystemAccountIsNotWritten() {
        assertEquals("operator:\n  name: Test\n", SpecFiles.write(SandboxSpec.operator("Test").build()));
        assertEquals("operator:\n  name: Test\naccounts:\n  A: {}\n",
                SpecFiles.write(SandboxSpec.operator("Test").account("A").build()));
    }

    @Test
    void aSystemAccountWithMoreThanTheDefaultUserIsWritten() {
        SandboxSpec spec = SandboxSpec.operator("Test").systemAccount("SYSTEM")
                .account("SYSTEM", a -> a.user("sys").user("monitor")).build();
        assertEquals(spec, SpecFiles.parse(SpecFiles.write(spec), SpecFormat.YAML, "sys.yaml"));
    }

    @Test
    void programmaticValuesSurviveEvenWhereFilesWouldSpellThemDifferently() {
        SandboxSpec spec = SandboxSpec.operator("Test")
                .account("A", a -> a
                        .jetStream(JetStreamLimits.builder().memoryStorage(1536).streams(-1).consumers(-1)
                                .maxAckPending(-1).build())
                        .limits(l -> l.data(1_048_577).payload(2_000_000))
                        .export(Export.builder("svc", ExportType.SERVICE)
                                .responseThreshold(Duration.ofNanos(1_500_001)).build())
                        .signingKey(SigningKeySpec.plain("k"))
                        .user("u", u -> u.expires(Duration.ofSeconds(90_061)).notBefore(Instant.ofEpochSecond(1, 5))
                                .signingKey("k")))
                .account("B", b -> b.importing(ImportSpec.builder("A", "svc", ExportType.SERVICE).build()))
                .build();
        String yaml = SpecFiles.write(spec);
        assertEquals(spec, SpecFiles.parse(yaml, SpecFormat.YAML, "odd.yaml"));
        assertEquals(true, yaml.contains("expires: 1d1h1m1s"), yaml);
        assertEquals(true, yaml.contains("response_threshold: 1ms500us1ns"), yaml);
        assertEquals(true, yaml.contains("mem_storage: 1536\n"), yaml);
        assertEquals(true, yaml.contains("payload: 2MB\n"), yaml);
    }
}
