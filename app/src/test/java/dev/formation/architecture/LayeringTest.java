package dev.formation.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The engine's layering, checked on its compiled classes ({@code target/classes}, so neither the
 * tests nor the plugin API, which shares the {@code dev.formation.plugin} prefix, count).
 */
class LayeringTest {

    static final String ROOT = "dev.formation";

    /**
     * Classes that still run their own SQL on the platform's fixed tables. Each leaves this list
     * when its statements move onto a Micronaut Data repository ({@code *Repository}); the list
     * only shrinks: a new class with SQL outside {@code store} fails.
     */
    static final Set<String> SQL_NOT_YET_IN_REPOSITORIES = Set.of();

    private static JavaClasses engine;

    @BeforeAll
    static void importEngine() {
        engine = new ClassFileImporter().importPath(Path.of("target/classes"));
    }

    @Test
    void noPackageCycle() {
        Layering.noCycles(ROOT).check(engine);
    }

    @Test
    void coreDependsOnNothingOfOurs() {
        Layering.coreDependsOnNothingOfOurs(ROOT).check(engine);
    }

    @Test
    void nothingBelowWebUsesWeb() {
        Layering.webOnlyFromWeb(ROOT, ROOT + ".Application").check(engine);
    }

    @Test
    void sqlOnlyInStoreAndRepositories() {
        Layering.sqlOnlyInStoreAndRepositories(ROOT, SQL_NOT_YET_IN_REPOSITORIES).check(engine);
    }

    @Test
    void theSqlAllowListNamesOnlyClassesThatStillRunSql() {
        List<String> stale = SQL_NOT_YET_IN_REPOSITORIES.stream().filter(name -> !Layering.runsSql(engine, name))
                .sorted().toList();
        assertEquals(List.of(), stale, "these run no SQL of their own any more: take them off the list");
    }

    @Test
    void noCrmWordInNames() {
        Layering.noCrmNames(ROOT, CrmWords.engine()).check(engine);
    }
}
