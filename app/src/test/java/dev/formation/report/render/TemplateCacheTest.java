package dev.formation.report.render;

import dev.formation.report.render.ReportLayout.Column;
import dev.formation.report.render.ReportRenderer.Format;
import net.sf.jasperreports.compilers.ReportExpressionEvaluationData;
import net.sf.jasperreports.engine.JasperReport;
import net.sf.jasperreports.engine.design.JRReportCompileData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static dev.formation.report.render.ReportLayout.ColumnType.MONEY;
import static dev.formation.report.render.ReportLayout.ColumnType.TEXT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TemplateCacheTest {

    private static final TemplateGenerator GENERATOR = new TemplateGenerator();

    @TempDir
    Path swap;

    @Test
    void theSameJrxmlGivesTheSameCompiledReport() {
        TemplateCache cache = new TemplateCache(4);
        ReportLayout layout = layout("回款明细");

        JasperReport first = cache.compile(GENERATOR.jrxml(layout));
        // generated anew, as each render does: the generator is deterministic, so this is a cache hit
        JasperReport second = cache.compile(GENERATOR.jrxml(layout));

        assertSame(first, second);
        assertEquals(1, cache.size());
        assertNotSame(first, cache.compile(GENERATOR.jrxml(layout("回款汇总"))));
    }

    @Test
    void theLeastRecentlyUsedReportIsDroppedFirst() {
        TemplateCache cache = new TemplateCache(2);
        String a = GENERATOR.jrxml(layout("甲"));
        String b = GENERATOR.jrxml(layout("乙"));
        JasperReport compiledA = cache.compile(a);
        JasperReport compiledB = cache.compile(b);

        cache.compile(a);
        cache.compile(GENERATOR.jrxml(layout("丙")));

        assertEquals(2, cache.size());
        assertSame(compiledA, cache.compile(a));
        assertNotSame(compiledB, cache.compile(b));
    }

    @Test
    void concurrentRequestsForANewTemplateAllGetTheCachedInstance() throws Exception {
        TemplateCache cache = new TemplateCache(4);
        String jrxml = GENERATOR.jrxml(layout("并发"));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<JasperReport>> tasks = IntStream.range(0, 8)
                    .<Callable<JasperReport>>mapToObj(i -> () -> cache.compile(jrxml)).toList();
            Set<JasperReport> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
            for (Future<JasperReport> result : pool.invokeAll(tasks)) {
                distinct.add(result.get());
            }
            assertEquals(1, distinct.size());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void generatedTemplatesCompileWithoutAnyJavaCode() {
        JasperReport report = new TemplateCache(1).compile(GENERATOR.jrxml(new ReportLayout("图表", List.of(
                new Column("region", "区域", TEXT), new Column("amount", "金额", MONEY)),
                new ReportLayout.Chart(ReportLayout.ChartType.BAR, "标题", "region", List.of("amount"), null),
                new ReportLayout.NumberCard("amount", "合计", MONEY))));

        ReportExpressionEvaluationData main = assertInstanceOf(ReportExpressionEvaluationData.class,
                ((JRReportCompileData) report.getCompileData()).getMainDatasetCompileData());
        // every expression is evaluated directly; nothing went through a Java compiler
        assertNull(main.getCompileData());
        assertTrue(main.getDirectEvaluations().size() > 10);
    }

    @Test
    void handMadeTemplatesMayUseJavaExpressions() throws Exception {
        String jrxml;
        try (InputStream in = getClass().getResourceAsStream("java-expression.jrxml")) {
            jrxml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        new ReportRenderer(ZoneId.of("Asia/Shanghai"), Locale.SIMPLIFIED_CHINESE, swap).render(new TemplateCache(1).compile(jrxml),
                List.of(Map.of("region", "华东", "amount", new BigDecimal("125000.50"))), Map.of(), Format.PDF, out);

        assertTrue(Outputs.pdfText(out.toByteArray()).contains("华东合计：125001"));
    }

    @Test
    void aDoctypeIsRefused() {
        String jrxml = "<!DOCTYPE jasperReport [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>" + GENERATOR.jrxml(layout("x"));

        ReportException e = assertThrows(ReportException.class, () -> new TemplateCache(1).compile(jrxml));

        assertTrue(e.getMessage().contains("DOCTYPE"), e.getMessage());
    }

    @Test
    void malformedJrxmlFailsWithAReportException() {
        assertThrows(ReportException.class, () -> new TemplateCache(1).compile("<jasperReport name=\"x\"><title>"));
    }

    private static ReportLayout layout(String title) {
        return ReportLayout.table(title, List.of(new Column("customer", "客户", TEXT), new Column("amount", "金额", MONEY)));
    }
}
