package dev.formation.report.render;

import dev.formation.report.render.ReportLayout.Chart;
import dev.formation.report.render.ReportLayout.ChartType;
import dev.formation.report.render.ReportLayout.Column;
import dev.formation.report.render.ReportLayout.ColumnType;
import dev.formation.report.render.ReportRenderer.Format;
import net.sf.jasperreports.engine.type.OrientationEnum;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

import static dev.formation.report.render.ReportLayout.ColumnType.MONEY;
import static dev.formation.report.render.ReportLayout.ColumnType.TEXT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TemplateGeneratorTest {

    private final TemplateGenerator generator = new TemplateGenerator();

    @TempDir
    Path swap;

    @Test
    void aFewColumnsArePortraitAndManyAreLandscape() {
        assertEquals(OrientationEnum.PORTRAIT, generator.design(layoutOf(4)).getOrientation());
        assertEquals(OrientationEnum.LANDSCAPE, generator.design(layoutOf(9)).getOrientation());
    }

    @Test
    void columnWidthsFillTheBandExactly() {
        List<Column> columns = layoutOf(7).columns();

        int[] widths = TemplateGenerator.widths(columns, 786);

        assertEquals(786, Arrays.stream(widths).sum());
        assertTrue(widths[0] > widths[1], "text columns get more room than numbers");
    }

    @Test
    void measuredNumbersKeepTheirWidthAndTextGivesWay() {
        List<Column> columns = List.of(new Column("name", "名称", TEXT, 400), new Column("note", "备注", TEXT, 300),
                new Column("a", "金额", MONEY, 110), new Column("b", "金额", MONEY, 120));

        int[] widths = TemplateGenerator.widths(columns, 539);

        assertEquals(539, Arrays.stream(widths).sum());
        assertTrue(widths[2] >= 110 && widths[3] >= 120, Arrays.toString(widths));
        assertTrue(widths[0] > widths[1] && widths[1] >= 60, "text shares the rest by need: " + Arrays.toString(widths));
    }

    @Test
    void aNarrowTextColumnIsNotSqueezedBelowItsMinimum() {
        List<Column> columns = List.of(new Column("name", "名称", TEXT, 600), new Column("code", "编号", TEXT, 40),
                new Column("a", "金额", MONEY, 200), new Column("b", "金额", MONEY, 200));

        int[] widths = TemplateGenerator.widths(columns, 539);

        assertEquals(539, Arrays.stream(widths).sum());
        assertTrue(widths[1] >= 60 && widths[2] >= 200 && widths[3] >= 200, Arrays.toString(widths));
    }

    @Test
    void spareRoomIsSharedOut() {
        int[] widths = TemplateGenerator.widths(List.of(new Column("name", "名称", TEXT, 100),
                new Column("a", "金额", MONEY, 100)), 539);

        assertEquals(539, Arrays.stream(widths).sum());
        assertTrue(widths[0] >= 100 && widths[1] >= 100, Arrays.toString(widths));
    }

    @Test
    void columnsThatNeedMoreThanAPortraitPageAreLandscape() {
        List<Column> columns = List.of(new Column("a", "金额", MONEY, 300), new Column("b", "金额", MONEY, 300));

        assertEquals(OrientationEnum.LANDSCAPE, generator.design(ReportLayout.table("宽", columns)).getOrientation());
    }

    @Test
    void theSameLayoutGivesTheSameJrxml() {
        // two layouts built separately must generate byte-identical templates, or the hash cache never hits
        String first = generator.jrxml(layoutOf(3));
        String second = generator.jrxml(layoutOf(3));
        assertEquals(first, second);
    }

    @Test
    void labelsAreShownLiterallyWhateverTheyContain() throws Exception {
        String title = "A & B <i>x</i> ]]> $F{customer} $$P{y} 100%";
        ReportLayout layout = new ReportLayout(title, List.of(new Column("customer", "客户 $V{PAGE_NUMBER}", TEXT),
                new Column("amount", "金额 ]]>", MONEY)),
                new Chart(ChartType.BAR, "$P{REPORT_LOCALE} 图", "customer", List.of("amount", "amount"),
                        List.of("$F{amount} 系列", "二")), null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        new ReportRenderer(ZoneId.of("Asia/Shanghai"), Locale.SIMPLIFIED_CHINESE, swap).render(
                new TemplateCache(1).compile(generator.jrxml(layout)),
                List.of(Map.of("customer", "甲", "amount", 1)), Map.of(), Format.PDF, out);

        String text = Outputs.pdfText(out.toByteArray());
        for (String literal : List.of(title, "客户 $V{PAGE_NUMBER}", "金额 ]]>", "$P{REPORT_LOCALE} 图", "$F{amount} 系列")) {
            assertTrue(text.contains(literal), () -> "'" + literal + "' missing from:\n" + text);
        }
    }

    @Test
    void sheetNamesAreWhatExcelAccepts() {
        assertEquals("a b c d e f g", TemplateGenerator.sheetName("a:b\\c/d?e*f[g]").strip());
        assertEquals(31, TemplateGenerator.sheetName("很".repeat(40)).length());
        assertEquals("Sheet1", TemplateGenerator.sheetName("///"));
    }

    @Test
    void layoutsThatCannotBeShownAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> ReportLayout.table("空", List.of()));
        assertThrows(IllegalArgumentException.class, () -> new Column("1st", "x", TEXT));
        assertThrows(IllegalArgumentException.class, () -> new Column("__shaded", "x", TEXT));
        assertThrows(IllegalArgumentException.class,
                () -> new Chart(ChartType.PIE, null, "region", List.of("a", "b"), null));
        assertThrows(IllegalArgumentException.class,
                () -> new Chart(ChartType.BAR, null, "region", List.of("a", "b"), List.of("only one")));
        assertThrows(IllegalArgumentException.class, () -> new ReportLayout.NumberCard("a", "x", ColumnType.DATE));
        assertThrows(IllegalArgumentException.class, () -> ReportLayout.table("重复",
                List.of(new Column("a", "x", TEXT), new Column("a", "y", TEXT))));
    }

    private static ReportLayout layoutOf(int columns) {
        return ReportLayout.table("宽表", IntStream.range(0, columns)
                .mapToObj(i -> new Column("c" + i, "列" + i, i % 2 == 0 ? TEXT : MONEY)).toList());
    }
}
