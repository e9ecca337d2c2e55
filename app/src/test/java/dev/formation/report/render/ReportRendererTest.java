package dev.formation.report.render;

import dev.formation.report.render.Outputs.Cell;
import dev.formation.report.render.ReportLayout.Chart;
import dev.formation.report.render.ReportLayout.ChartType;
import dev.formation.report.render.ReportLayout.Column;
import dev.formation.report.render.ReportLayout.NumberCard;
import dev.formation.report.render.ReportRenderer.Format;
import net.sf.jasperreports.engine.JasperReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static dev.formation.report.render.ReportLayout.ColumnType.DATE;
import static dev.formation.report.render.ReportLayout.ColumnType.DATETIME;
import static dev.formation.report.render.ReportLayout.ColumnType.INTEGER;
import static dev.formation.report.render.ReportLayout.ColumnType.MONEY;
import static dev.formation.report.render.ReportLayout.ColumnType.PERCENT;
import static dev.formation.report.render.ReportLayout.ColumnType.TEXT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real renders of generated templates, read back with pdftotext, as sheet XML, as CSV and HTML text. */
class ReportRendererTest {

    private static final TemplateCache CACHE = new TemplateCache(32);
    private static final TemplateGenerator GENERATOR = new TemplateGenerator();
    private static final List<Column> COLUMNS = List.of(
            new Column("customer", "客户名称", TEXT),
            new Column("amount", "成交金额", MONEY),
            new Column("margin", "毛利率", PERCENT),
            new Column("visits", "拜访次数", INTEGER),
            new Column("signed", "签约日期", DATE));
    private static final ReportLayout TABLE = ReportLayout.table("客户成交明细", COLUMNS);

    @TempDir
    Path swap;

    @Test
    void pdfCarriesChineseTextNumbersAndDatesAsExtractableText() throws Exception {
        String text = Outputs.pdfText(render(TABLE, rows(3), Format.PDF));

        for (String expected : List.of("客户成交明细", "客户名称", "签约日期", "杭州云帆科技有限公司 1", "1,234.50",
                "12.5%", "2024-03-02")) {
            assertTrue(text.contains(expected), () -> "'" + expected + "' missing from:\n" + text);
        }
    }

    @Test
    void pdfRepeatsTheHeaderRowOnEveryPage() throws Exception {
        String[] pages = Outputs.pdfText(render(TABLE, rows(150), Format.PDF)).split("\f");

        long printed = Stream.of(pages).filter(p -> !p.isBlank()).count();
        assertTrue(printed > 2, "150 rows should take several A4 pages");
        Stream.of(pages).filter(p -> !p.isBlank()).forEach(p -> assertTrue(p.contains("客户名称"), p));
        assertTrue(Pattern.compile("1 ?/ ?" + printed).matcher(pages[0]).find(), "page numbers: 1 / " + printed);
    }

    @Test
    void xlsxHasOneTypedRowPerRecordBelowASingleHeaderRow() throws Exception {
        List<List<Cell>> rows = Outputs.xlsxRows(render(TABLE, rows(250), Format.XLSX));

        int header = headerRow(rows, "客户名称");
        assertEquals(250, rows.size() - header - 1);
        List<Cell> first = rows.get(header + 1);
        assertEquals("杭州云帆科技有限公司 1", first.get(0).text());
        assertEquals(new Cell("1234.5", true), first.get(1));
        assertTrue(first.get(2).numeric() && first.get(3).numeric() && first.get(4).numeric(), first::toString);
    }

    @Test
    void streamedRowsAreVirtualizedAndLeaveNoSwapFileBehind() throws Exception {
        int count = ReportRenderer.IN_MEMORY_ROWS + 3_000;
        Iterator<Map<String, Object>> rows = IntStream.rangeClosed(1, count).mapToObj(ReportRendererTest::row).iterator();
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        renderer().render(CACHE.compile(GENERATOR.jrxml(TABLE)), rows, Map.of(), Format.XLSX, out);

        List<List<Cell>> sheet = Outputs.xlsxRows(out.toByteArray());
        assertEquals(count, sheet.size() - headerRow(sheet, "客户名称") - 1);
        try (Stream<Path> left = Files.list(swap)) {
            assertEquals(List.of(), left.toList());
        }
    }

    @Test
    void csvIsTheTableAsPlainValuesWithFormulasNeutralized() throws Exception {
        List<Map<String, Object>> rows = rows(3);
        rows.get(1).put("customer", "=HYPERLINK(\"http://x\",\"点我\")");
        rows.get(2).put("amount", new BigDecimal("-88.50"));

        String csv = csv(COLUMNS, rows);

        assertTrue(csv.startsWith("\uFEFF客户名称,成交金额,毛利率,拜访次数,签约日期\r\n"), csv);
        List<String> lines = csv.lines().toList();
        assertEquals(4, lines.size(), csv);
        // plain values another program reads as they are: no thousands separators, no percent sign
        assertEquals("杭州云帆科技有限公司 1,1234.5,0.125,1,2024-03-02", lines.get(1));
        assertTrue(lines.get(2).startsWith("\"'=HYPERLINK(\"\"http://x\"\",\"\"点我\"\")\","), lines.get(2));
        assertTrue(lines.get(3).contains(",-88.50,"), lines.get(3));
    }

    @Test
    void csvOfNoRowsIsItsHeaderRow() throws Exception {
        assertEquals("\uFEFF客户名称,成交金额,毛利率,拜访次数,签约日期\r\n", csv(COLUMNS, List.of()));
    }

    @Test
    void largeAmountsAreNeverCut() throws Exception {
        List<Column> columns = List.of(new Column("customer", "客户名称", TEXT), new Column("a", "合同金额", MONEY),
                new Column("b", "已回款金额", MONEY), new Column("c", "未回款金额", MONEY), new Column("d", "预计金额", MONEY),
                new Column("e", "加权金额", MONEY), new Column("f", "签约日期", DATE));
        Map<String, Object> row = new HashMap<>();
        row.put("customer", "杭州云帆科技有限公司");
        for (String key : List.of("a", "b", "c", "d", "e")) {
            row.put(key, new BigDecimal("98765432109.87"));
        }
        row.put("a", new BigDecimal("1234567890.12"));
        row.put("f", LocalDate.of(2024, 3, 1));
        ReportLayout layout = ReportLayout.table("大额合同", ColumnSizer.measure(columns, List.of(row),
                new ValueFormat(Locale.SIMPLIFIED_CHINESE, ZoneId.of("Asia/Shanghai")), false));

        String text = Outputs.pdfText(render(layout, List.of(row), Format.PDF));

        assertTrue(text.contains("1,234,567,890.12"), text);
        assertEquals(4, text.split("98,765,432,109\\.87", -1).length - 1, text);
    }

    @Test
    void xlsxDateTimesAreExactSpreadsheetSerials() throws Exception {
        ReportLayout layout = ReportLayout.table("拜访", List.of(new Column("at", "拜访时间", DATETIME),
                new Column("on", "日期", DATE)));
        List<Map<String, Object>> rows = List.of(
                Map.of("at", LocalDateTime.of(2026, 11, 30, 9, 15), "on", LocalDate.of(2026, 11, 30)),
                Map.of("at", Timestamp.valueOf("2001-02-03 17:45:30"), "on", "2001-02-03"));

        List<List<Cell>> sheet = Outputs.xlsxRows(render(layout, rows, Format.XLSX));

        int header = headerRow(sheet, "拜访时间");
        // days since 1899-12-30 plus the day's fraction, the nearest double: 09:15 is not a hair before it
        assertEquals(new Cell(Double.toString(46356 + 33300 / 86400.0), true), sheet.get(header + 1).get(0));
        assertEquals(new Cell("46356.0", true), sheet.get(header + 1).get(1));
        assertEquals(new Cell(Double.toString(36925 + 63930 / 86400.0), true), sheet.get(header + 2).get(0));
    }

    @Test
    void pdfShowsDateTimesToTheSecond() throws Exception {
        ReportLayout layout = ReportLayout.table("拜访", List.of(new Column("at", "拜访时间", DATETIME)));

        String text = Outputs.pdfText(render(layout, List.of(Map.of("at", LocalDateTime.of(2026, 11, 30, 9, 15))),
                Format.PDF));

        assertTrue(text.contains("2026-11-30 09:15:00"), text);
    }

    @Test
    void anEmptyReportSaysSoBelowItsHeader() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        renderer().render(CACHE.compile(GENERATOR.jrxml(TABLE)), List.of(),
                Map.of(TemplateGenerator.NO_DATA_PARAMETER, "无数据"), Format.PDF, out);

        String text = Outputs.pdfText(out.toByteArray());
        assertTrue(text.contains("拜访次数") && text.contains("无数据"), text);
        assertFalse(Outputs.pdfText(render(TABLE, rows(1), Format.PDF)).contains("无数据"));
    }

    @Test
    void rowsWithoutACategoryAreTheNotSetSliceOfAPie() throws Exception {
        ReportLayout layout = new ReportLayout("客户类型", List.of(),
                new Chart(ChartType.PIE, null, "type", List.of("customers"), null), null);
        List<Map<String, Object>> rows = new ArrayList<>();
        rows.add(new HashMap<>(Map.of("type", "企业客户", "customers", 8)));
        Map<String, Object> none = new HashMap<>();
        none.put("type", null);
        none.put("customers", 3);
        rows.add(none);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        renderer().render(CACHE.compile(GENERATOR.jrxml(layout)), rows,
                Map.of(TemplateGenerator.NOT_SET_PARAMETER, "未填写"), Format.PDF, out);

        assertTrue(Outputs.pdfText(out.toByteArray()).contains("未填写"), "the slice of rows without a type");
    }

    @Test
    void aChartAloneIsAnImageOfItsOwnSize() throws Exception {
        Chart chart = new Chart(ChartType.BAR, null, "region", List.of("amount"), List.of("销售额"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        renderer().render(CACHE.compile(GENERATOR.chartJrxml(chart, 540, 270)),
                List.of(Map.of("region", "华东区", "amount", 125000.5)), Map.of(), Format.PNG, out);

        BufferedImage image = ImageIO.read(new ByteArrayInputStream(out.toByteArray()));
        assertEquals(540 * ReportRenderer.PNG_SCALE, image.getWidth());
        assertEquals(270 * ReportRenderer.PNG_SCALE, image.getHeight());
    }

    @ParameterizedTest
    @EnumSource(ChartType.class)
    void chartsRenderIntoPdfAndHtmlWithChineseLabels(ChartType type) throws Exception {
        List<String> values = type == ChartType.PIE ? List.of("amount") : List.of("amount", "visits");
        ReportLayout layout = new ReportLayout("区域业绩", List.of(),
                new Chart(type, "各区域销售额", "region", values, type == ChartType.PIE ? null : List.of("销售额", "拜访量")),
                null);
        List<Map<String, Object>> rows = List.of(
                Map.of("region", "华东区", "amount", 125000.5, "visits", 40),
                Map.of("region", "华北区", "amount", 98000, "visits", 31),
                Map.of("region", "华南区", "amount", new BigDecimal("143210.75"), "visits", 52));

        // there is no table: this text can only come from the chart, drawn as vector graphics with real text
        String pdf = Outputs.pdfText(render(layout, rows, Format.PDF));
        for (String label : List.of("各区域销售额", "华东区", "华南区")) {
            assertTrue(pdf.contains(label), () -> "'" + label + "' missing from the " + type + " chart:\n" + pdf);
        }
        if (type != ChartType.PIE) {
            assertTrue(pdf.contains("拜访量"), "legend");
        }

        ByteArrayOutputStream png = new ByteArrayOutputStream();
        renderer().render(CACHE.compile(GENERATOR.chartJrxml(layout.chart(), 540, 270)), rows, Map.of(), Format.PNG, png);
        BufferedImage chart = ImageIO.read(new ByteArrayInputStream(png.toByteArray()));
        assertTrue(chart.getWidth() > 540 && chart.getHeight() > 270, "rendered above 72 dpi for sharp screens");
    }

    @Test
    void numberCardShowsTheSumOfItsValue() throws Exception {
        ReportLayout layout = new ReportLayout("本月业绩", List.of(), null, new NumberCard("amount", "本月成交额", MONEY));

        String text = Outputs.pdfText(render(layout, rows(3), Format.PDF));

        // 1,234.50 + 2,469.00 + 3,703.50
        assertTrue(text.contains("本月成交额") && text.contains("7,407.00"), text);
    }

    @Test
    void anEmptyResultStillShowsTitleAndHeader() throws Exception {
        String text = Outputs.pdfText(render(TABLE, List.of(), Format.PDF));

        assertTrue(text.contains("客户成交明细") && text.contains("拜访次数"), text);
    }

    @Test
    void theSubtitleParameterShowsUnderTheTitle() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        renderer().render(CACHE.compile(GENERATOR.jrxml(TABLE)), rows(1),
                Map.of(TemplateGenerator.SUBTITLE_PARAMETER, "2024-03-01 至 2024-03-31"), Format.PDF, out);

        assertTrue(Outputs.pdfText(out.toByteArray()).contains("2024-03-01 至 2024-03-31"));
    }

    @Test
    void valuesOfEveryCommonJavaTypeAreConverted() throws Exception {
        List<Map<String, Object>> rows = List.of(
                new HashMap<>(Map.of("customer", 42, "amount", "1,000.5", "margin", 0.5f, "visits", 7L,
                        "signed", java.sql.Date.valueOf("2024-05-06"))),
                new HashMap<>(Map.of("customer", "乙", "amount", 3, "margin", new BigDecimal("0.125"), "visits", "8",
                        "signed", Timestamp.valueOf("2024-05-07 12:00:00"))),
                new HashMap<>(Map.of("customer", "丙", "amount", 2.25d, "margin", 1, "visits", 9.0,
                        "signed", LocalDateTime.of(2024, 5, 8, 9, 0))),
                new HashMap<>(Map.of("customer", "丁", "signed", "2024-05-09")));

        List<String> lines = csv(COLUMNS, rows).lines().toList();

        assertEquals(List.of("42,1000.5,0.5,7,2024-05-06", "乙,3,0.125,8,2024-05-07",
                "丙,2.25,1,9,2024-05-08", "丁,,,,2024-05-09"), lines.subList(1, 5));
        String pdf = Outputs.pdfText(render(TABLE, rows, Format.PDF));
        for (String shown : List.of("1,000.50", "50.0%", "3.00", "12.5%", "2024-05-07", "100.0%", "2024-05-09")) {
            assertTrue(pdf.contains(shown), () -> "'" + shown + "' missing from:\n" + pdf);
        }
    }

    @Test
    void aValueThatIsNotANumberFailsNamingItsKey() {
        List<Map<String, Object>> rows = List.of(Map.of("customer", "甲", "amount", "一千"));

        ReportException e = assertThrows(ReportException.class, () -> render(TABLE, rows, Format.PDF));

        assertTrue(e.getMessage().contains("'amount'") && e.getMessage().contains("一千"), e.getMessage());
    }

    static int headerRow(List<List<Cell>> rows, String firstLabel) {
        for (int i = 0; i < rows.size(); i++) {
            if (!rows.get(i).isEmpty() && firstLabel.equals(rows.get(i).get(0).text())) {
                return i;
            }
        }
        throw new AssertionError("no header row starting with " + firstLabel);
    }

    private String csv(List<Column> columns, List<? extends Map<String, ?>> rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        renderer().renderCsv(columns, rows.iterator(), out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private byte[] render(ReportLayout layout, List<? extends Map<String, ?>> rows, Format format) {
        JasperReport report = CACHE.compile(GENERATOR.jrxml(layout, format));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        renderer().render(report, rows, Map.of(), format, out);
        return out.toByteArray();
    }

    private ReportRenderer renderer() {
        return new ReportRenderer(ZoneId.of("Asia/Shanghai"), Locale.SIMPLIFIED_CHINESE, swap);
    }

    /** Rows as a query would return them: mixed numeric types, dates as LocalDate. */
    static List<Map<String, Object>> rows(int count) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            rows.add(row(i));
        }
        return rows;
    }

    static Map<String, Object> row(int i) {
        Map<String, Object> row = new HashMap<>();
        row.put("customer", "杭州云帆科技有限公司 " + i);
        row.put("amount", i % 2 == 1 ? (Object) (1234.5 * i) : BigDecimal.valueOf(123450L * i, 2));
        row.put("margin", 0.125 * (i % 8));
        row.put("visits", i);
        row.put("signed", LocalDate.of(2024, 3, 1).plusDays(i % 300));
        return row;
    }
}
