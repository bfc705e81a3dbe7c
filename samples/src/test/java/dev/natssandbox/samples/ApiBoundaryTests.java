package dev.natssandbox.samples;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keeps internals internal: the public API is {@link #API_PACKAGES}; everything else public lives under
 * {@code dev.natssandbox.internal}, is not named by an API signature, and is not used by the samples users copy.
 * <p>
 * The rules see the resolver's and the extension's classes (the samples' classpath). The CLI module is exempt on
 * purpose and not on that classpath: {@code dev.natssandbox.cli} (its public {@code Main} included) is a program,
 * not API, and may use internals.
 */
class ApiBoundaryTests {
    /** The public API packages, the one list the README's "Public API" section prints. */
    static final List<String> API_PACKAGES = List.of(
            "dev.natssandbox",
            "dev.natssandbox.callout",
            "dev.natssandbox.creds",
            "dev.natssandbox.junit",
            "dev.natssandbox.jwt",
            "dev.natssandbox.keys",
            "dev.natssandbox.model",
            "dev.natssandbox.nscimport",
            "dev.natssandbox.probe",
            "dev.natssandbox.provision",
            "dev.natssandbox.push",
            "dev.natssandbox.sandbox",
            "dev.natssandbox.server",
            "dev.natssandbox.spec");

    static final String INTERNAL = "dev.natssandbox.internal..";

    /** The benchmark program: it measures internals (store writing, the server finder); users do not copy it. */
    static final String BENCHMARK = "dev.natssandbox.samples.bench..";

    private static JavaClasses library;
    private static JavaClasses samples;

    @BeforeAll
    static void importClasses() {
        // Main code only: not test classes, whether a directory or a test jar on this module's test classpath.
        library = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("dev.natssandbox")
                .that(DescribedPredicate.describe("library code",
                        c -> !c.getPackageName().startsWith("dev.natssandbox.samples")));
        samples = new ClassFileImporter().importPackages("dev.natssandbox.samples");
        assertTrue(library.contain("dev.natssandbox.sandbox.Sandbox"), "the resolver's classes are on the classpath");
        assertTrue(library.contain("dev.natssandbox.junit.NatsSandbox"),
                "the extension's classes are on the classpath");
        assertTrue(samples.contain(ApiBoundaryTests.class), "the samples' test classes are imported");
        assertFalse(library.containPackage("dev.natssandbox.cli"),
                "the CLI is exempt (a program, not API); if it joins this classpath, exempt it in the rules");
    }

    @Test
    void everyPublicTopLevelTypeIsInAnApiPackageOrInternal() {
        List<String> allowed = new ArrayList<>(API_PACKAGES);
        allowed.add(INTERNAL);
        classes().that().arePublic().and().areTopLevelClasses()
                .should().resideInAnyPackage(allowed.toArray(String[]::new))
                .because("a public type outside the API packages must move to dev.natssandbox.internal.<area> "
                        + "or become package-private")
                .check(library);
    }

    @Test
    void noApiSignatureNamesAnInternalType() {
        classes().that().resideInAnyPackage(API_PACKAGES.toArray(String[]::new)).and().arePublic()
                .should(exposeNoInternalType())
                .because("a user must be able to call every public or protected member without the internal packages")
                .check(library);
    }

    @Test
    void samplesUseOnlyTheApi() {
        noClasses().that().resideInAPackage("dev.natssandbox.samples..").and().resideOutsideOfPackage(BENCHMARK)
                .should().dependOnClassesThat().resideInAPackage(INTERNAL)
                .because("the samples are what users copy")
                .check(samples);
    }

    @Test
    void theExtensionsPublicTypesUseOnlyTheApiInTheirSignatures() {
        classes().that().resideInAPackage("dev.natssandbox.junit").and().arePublic()
                .should(exposeNoInternalType())
                .check(library);
        noClasses().that().resideInAPackage("dev.natssandbox.junit").and().areAnnotations()
                .should().dependOnClassesThat().resideInAPackage(INTERNAL)
                .check(library);
    }

    @Test
    void theReadmeListsTheApiPackages() throws IOException {
        Path readme = Stream.of(Path.of("README.md"), Path.of("../README.md")).filter(Files::isRegularFile)
                .findFirst().orElseThrow(() -> new AssertionError("README.md not found from "
                        + Path.of("").toAbsolutePath()));
        String text = Files.readString(readme);
        int start = text.indexOf("\n## Public API\n");
        assertTrue(start >= 0, "README has a \"## Public API\" section");
        int end = text.indexOf("\n## ", start + 1);
        String section = text.substring(start, end < 0 ? text.length() : end);
        Map<String, String> rows = new LinkedHashMap<>();
        Matcher m = Pattern.compile("^\\| `(dev\\.natssandbox[\\w.]*)` \\|(.*)$", Pattern.MULTILINE).matcher(section);
        while (m.find()) {
            rows.put(m.group(1), m.group(2));
        }
        assertEquals(API_PACKAGES, List.copyOf(rows.keySet()),
                "the README's Public API table lists the API packages in order");
        List<String> missing = new ArrayList<>();
        for (JavaClass type : library) {
            String row = rows.get(type.getPackageName());
            if (row != null && type.getModifiers().contains(JavaModifier.PUBLIC) && type.isTopLevelClass()
                    && !row.contains("`" + type.getSimpleName() + "`")
                    && !row.contains("`@" + type.getSimpleName() + "`")) {
                missing.add(type.getName());
            }
        }
        assertEquals(List.of(), missing, "public API types the README's Public API table does not name in their "
                + "package's row; add them there");
    }

    /** Public and protected fields, methods and constructors, and the supertypes, name no internal type. */
    private static ArchCondition<JavaClass> exposeNoInternalType() {
        return new ArchCondition<>("expose no dev.natssandbox.internal type") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                List<JavaType> supertypes = new ArrayList<>();
                type.getSuperclass().ifPresent(supertypes::add);
                supertypes.addAll(type.getInterfaces());
                for (JavaType t : supertypes) {
                    report(type, "supertype", t, events);
                }
                for (JavaMember member : type.getMembers()) {
                    Set<JavaModifier> mods = member.getModifiers();
                    if (!mods.contains(JavaModifier.PUBLIC) && !mods.contains(JavaModifier.PROTECTED)
                            || mods.contains(JavaModifier.SYNTHETIC)) {
                        continue;
                    }
                    if (member instanceof JavaField f) {
                        report(type, f.getFullName(), f.getType(), events);
                    } else if (member instanceof JavaCodeUnit c) {
                        report(type, c.getFullName(), c.getReturnType(), events);
                        for (JavaType p : c.getParameterTypes()) {
                            report(type, c.getFullName(), p, events);
                        }
                        for (JavaClass thrown : c.getThrowsClause().getTypes()) {
                            report(type, c.getFullName(), thrown, events);
                        }
                    }
                }
            }

            private void report(JavaClass owner, String where, JavaType t, ConditionEvents events) {
                for (JavaClass raw : t.getAllInvolvedRawTypes()) {
                    if (raw.getPackageName().startsWith("dev.natssandbox.internal")) {
                        events.add(SimpleConditionEvent.violated(owner, where + " exposes internal type "
                                + raw.getName()));
                    }
                }
            }
        };
    }
}
