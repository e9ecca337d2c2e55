package dev.formation.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;

import java.util.List;
import java.util.Set;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layering docs/architecture.md draws, as rules over a root package, so the same rule checks
 * {@code dev.formation} and, in {@link LayeringRulesTest}, a fixture that breaks it on purpose.
 */
final class Layering {

    /** The JDBC types whose calls carry SQL text. */
    private static final Set<String> SQL_OWNERS = Set.of("java.sql.Connection", "java.sql.Statement",
            "java.sql.PreparedStatement", "java.sql.CallableStatement");

    private Layering() {
    }

    /**
     * No cycle between the top-level packages ({@code record} with everything under it against
     * {@code security} ...), nor between any two packages at any depth ({@code web.api} against {@code web.error}).
     */
    static ArchRule noCycles(String root) {
        return CompositeArchRule.of(slices().matching(root + ".(*)..").namingSlices("$1")
                        .should().beFreeOfCycles().as("top-level packages of " + root + " are free of cycles"))
                .and(slices().matching(root + ".(**)").namingSlices("$1")
                        .should().beFreeOfCycles().as("packages of " + root + " are free of cycles"))
                .as("no package cycle in " + root);
    }

    /** {@code core} is the bottom: the types every layer shares depend on nothing of ours. */
    static ArchRule coreDependsOnNothingOfOurs(String root) {
        return noClasses().that().resideInAPackage(root + ".core..")
                .should().dependOnClassesThat(DescribedPredicate.describe("are ours outside core", (JavaClass c) ->
                        c.getPackageName().startsWith(root + ".") && !c.getPackageName().startsWith(root + ".core")))
                .as(root + ".core depends on nothing of ours");
    }

    /** {@code web} is the top: only web itself (and the entry point that starts the application) may use it. */
    static ArchRule webOnlyFromWeb(String root, String entryPoint) {
        return noClasses().that().resideInAPackage(root + "..").and().resideOutsideOfPackage(root + ".web..")
                .and().doNotHaveFullyQualifiedName(entryPoint)
                .should().dependOnClassesThat().resideInAPackage(root + ".web..")
                .as("nothing outside " + root + ".web depends on web");
    }

    /**
     * SQL text reaches JDBC only in {@code store} (tables shaped by metadata) and in repositories
     * ({@code *Repository}, the platform's fixed tables). {@code allowed} names classes that still
     * run their own statements, each until it moves onto a repository.
     */
    static ArchRule sqlOnlyInStoreAndRepositories(String root, Set<String> allowed) {
        return noClasses().that().resideInAPackage(root + "..")
                .and().resideOutsideOfPackage(root + ".store..")
                .and().haveSimpleNameNotEndingWith("Repository")
                .and(DescribedPredicate.describe("not allow-listed", (JavaClass c) -> !allowed.contains(owner(c).getName())))
                .should().callMethodWhere(DescribedPredicate.describe("a JDBC method that takes SQL text",
                        Layering::takesSql))
                .as("SQL runs only in " + root + ".store and *Repository classes");
    }

    /** Class, method and field names free of CRM words (string constants: {@link CrmWordsTest}). */
    static ArchRule noCrmNames(String root, CrmWords words) {
        return classes().that().resideInAPackage(root + "..").should(words.inNames())
                .as("no CRM word in a class, method or field name under " + root);
    }

    /** Whether the class named {@code name} (or a lambda or class inside it) hands SQL text to JDBC. */
    static boolean runsSql(JavaClasses classes, String name) {
        return classes.stream().filter(c -> owner(c).getName().equals(name))
                .flatMap(c -> c.getMethodCallsFromSelf().stream()).anyMatch(Layering::takesSql);
    }

    private static boolean takesSql(JavaMethodCall call) {
        if (!SQL_OWNERS.contains(call.getTargetOwner().getName())) {
            return false;
        }
        String name = call.getName();
        List<JavaClass> parameters = call.getTarget().getRawParameterTypes();
        return (name.startsWith("prepare") || name.startsWith("execute") || name.equals("addBatch")
                || name.equals("nativeSQL"))
                && !parameters.isEmpty() && parameters.get(0).getName().equals(String.class.getName());
    }

    /** A lambda or nested class counts as the class it is written in. */
    private static JavaClass owner(JavaClass c) {
        JavaClass outer = c;
        while (outer.getEnclosingClass().isPresent()) {
            outer = outer.getEnclosingClass().get();
        }
        return outer;
    }
}
