package dev.formation.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each layering rule reports the fixture that breaks it (and passes what keeps it): the rules can fail. */
class LayeringRulesTest {

    private static final String FIXTURE = "dev.formation.architecture.fixture";

    private static JavaClasses fixture(String name) {
        return new ClassFileImporter().importPackages(FIXTURE + "." + name);
    }

    private static String violations(EvaluationResult result) {
        return String.join("\n", result.getFailureReport().getDetails());
    }

    @Test
    void aCycleBetweenTopLevelPackagesFails() {
        EvaluationResult result = Layering.noCycles(FIXTURE + ".cycle").evaluate(fixture("cycle"));
        assertTrue(result.hasViolation());
        String report = violations(result);
        assertTrue(report.contains("Cycle detected: a ->"), report);
        assertTrue(report.contains("Alpha") && report.contains("Beta"), report);
    }

    @Test
    void aCycleBetweenSubpackagesFails() {
        EvaluationResult result = Layering.noCycles(FIXTURE + ".nested").evaluate(fixture("nested"));
        assertTrue(result.hasViolation());
        assertTrue(violations(result).contains("x.one"), violations(result));
    }

    @Test
    void aPackageBelowWebUsingWebFailsAndTheEntryPointMay() {
        EvaluationResult result = Layering.webOnlyFromWeb(FIXTURE + ".upward", FIXTURE + ".upward.Main")
                .evaluate(fixture("upward"));
        assertTrue(result.hasViolation());
        String report = violations(result);
        assertTrue(report.contains("Model.show()"), report);
        assertFalse(report.contains("Main"), report);
    }

    @Test
    void coreUsingALayerAboveItFails() {
        EvaluationResult result = Layering.coreDependsOnNothingOfOurs(FIXTURE + ".upward").evaluate(fixture("upward"));
        String report = violations(result);
        assertTrue(report.contains("Shared.show(") && report.contains("Model"), report);
        assertFalse(report.contains("Main") || report.contains("Page.render"), report);
    }

    @Test
    void sqlOutsideStoreAndRepositoriesFailsUnlessAllowListed() {
        EvaluationResult result = Layering.sqlOnlyInStoreAndRepositories(FIXTURE + ".sql",
                Set.of(FIXTURE + ".sql.legacy.Legacy")).evaluate(fixture("sql"));
        String report = violations(result);
        assertEquals(2, result.getFailureReport().getDetails().size(), report);
        assertTrue(report.contains("Connection.prepareStatement(java.lang.String, int, int)"), report);
        assertTrue(report.contains("Statement.executeUpdate(java.lang.String)"), report);
        assertTrue(report.contains("Runner.run"), report);
        assertFalse(report.contains("Rows") || report.contains("OrderRepository") || report.contains("Legacy"), report);

        EvaluationResult unlisted = Layering.sqlOnlyInStoreAndRepositories(FIXTURE + ".sql", Set.of())
                .evaluate(fixture("sql"));
        assertTrue(violations(unlisted).contains("Legacy"), violations(unlisted));
        assertTrue(Layering.runsSql(fixture("sql"), FIXTURE + ".sql.legacy.Legacy"));
        assertFalse(Layering.runsSql(fixture("crm"), FIXTURE + ".crm.Clean"));
    }

    @Test
    void aCrmWordInAClassMethodOrFieldNameFails() {
        EvaluationResult result = Layering.noCrmNames(FIXTURE + ".crm", CrmWords.engine()).evaluate(fixture("crm"));
        String report = violations(result);
        assertTrue(report.contains("CustomerCard names [customer]"), report);
        assertTrue(report.contains("dealCount names [deal]"), report);
        assertTrue(report.contains("visitsThisMonth() names [visits]"), report);
        assertFalse(report.contains("visitor") || report.contains("dealer") || report.contains("Clean"), report);
    }

    @Test
    void crmWordsAreWholeWordsInCodeAndTextsNotInComments() {
        CrmWords words = CrmWords.engine();
        String java = """
                // a customer's card
                /* 客户 and deals */
                String label = "代为新建客户";
                String client = "客户端地址";
                int customerId = dealer + visitor;
                String target = "sales_target";
                """;
        String code = SourceText.withoutComments("Card.java", java);
        assertEquals(List.of("客户"), words.in(code.split("\n")[2], "x/"));
        assertEquals(List.of(), words.in(code.split("\n")[0] + code.split("\n")[1] + code.split("\n")[3], "x/"));
        assertEquals(List.of("customer"), words.in(code.split("\n")[4], "x/"));
        assertEquals(List.of("sales", "sales target"), words.in(code.split("\n")[5], "x/"));
        assertEquals(List.of("public pool"), words.in("rows in the public pool", "x/"));
        assertEquals(List.of("日报"), words.in("key=销售日报".replace("销售", ""), "x/"));
    }

    @Test
    void visitIsAllowedOnlyWhereItIsAGraphWord() {
        CrmWords words = CrmWords.engine();
        assertEquals(List.of(), words.in("int visit = task.visit();", "dev/formation/flow/FlowWalker.java"));
        assertEquals(List.of(), words.in("R visitBinary(Binary node);", "dev/formation/form/expression/NodeVisitor.java"));
        assertEquals(List.of("visit"), words.in("String visit = \"visit\";", "dev/formation/web/page/Panel.java"));
    }

    @Test
    void commentsOfEveryKindAreBlankedAndStringsKept() {
        assertEquals(List.of(), CrmWords.engine().in(SourceText.withoutComments("a.properties", "# 客户\nx=1"), "x/"));
        assertEquals(List.of(), CrmWords.engine().in(SourceText.withoutComments("a.yml", "a: 1 # customer"), "x/"));
        assertEquals(List.of(), CrmWords.engine().in(SourceText.withoutComments("a.sql", "SELECT 1 -- customer"), "x/"));
        assertEquals(List.of(), CrmWords.engine().in(SourceText.withoutComments("a.ftlh", "<#-- 客户 --><p>"), "x/"));
        assertEquals(List.of("customer"), CrmWords.engine().in(SourceText.withoutComments("a.js",
                "const s = '// customer'; // deal"), "x/"));
        assertEquals(3, SourceText.withoutComments("A.java", "/* a\nb\n*/ x").split("\n").length);
    }

    @Test
    void aQuotedMetadataKeyFails(@TempDir Path dir) throws IOException {
        Path metadata = Files.createDirectories(dir.resolve("metadata/roles"));
        Files.writeString(metadata.resolve("boss.yaml"), "kind: role\nkey: chief_admin\nforms:\n  - key: status\n");
        Path code = Files.createDirectories(dir.resolve("java/x"));
        Files.writeString(code.resolve("Start.java"), """
                class Start {
                    // "chief_admin" in a comment says why
                    String role = "chief_admin";
                    String column = "status";
                }
                """);
        Set<String> keys = CrmWordsTest.shippedKeys(dir.resolve("metadata"));
        assertEquals(Set.of("chief_admin"), keys);
        assertEquals(List.of("x/Start.java:3: \"chief_admin\""), CrmWordsTest.quotedKeys(dir.resolve("java"), keys,
                CrmWords.engine()));
    }
}
