package dev.formation.report.render;

import dev.formation.report.render.ReportLayout.Column;
import dev.formation.report.render.ReportLayout.ColumnType;
import net.sf.jasperreports.engine.fonts.FontUtil;

import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Measures the width each table column needs: its bold label and its longest value, formatted as
 * the report shows it, in the report font at the report's size. Numbers and dates get all the
 * room they need, so a value is never cut; text is measured up to a limit beyond which it wraps.
 * <p>
 * Widths go up in steps of {@value #STEP} points, so that the same kind of data generates the
 * same template (the template cache keys on its text) instead of one per distinct longest value.
 */
public final class ColumnSizer {

    /** Left and right padding of a cell (TemplateGenerator pads 4 points on each side) plus slack for rounding. */
    static final int PADDING = 12;
    static final int STEP = 6;
    /** Text wider than this wraps onto more lines instead of widening its column. */
    static final int TEXT_LIMIT = 200;
    /** A spreadsheet measures columns in characters, and JasperReports writes one per this many points. */
    static final int SPREADSHEET_POINTS_PER_CHAR = 6;

    private static final FontRenderContext CONTEXT = new FontRenderContext(null, true, true);
    private static final Map<Integer, Float> PLAIN = new ConcurrentHashMap<>();
    private static final Map<Integer, Float> BOLD = new ConcurrentHashMap<>();

    private ColumnSizer() {
    }

    /**
     * The columns with their widths measured over the rows.
     *
     * @param spreadsheet true for XLSX: there a column is also at least as many characters wide as
     *                    its longest number or date, the unit in which spreadsheets decide to show
     *                    "#####" instead of a number
     */
    public static List<Column> measure(List<Column> columns, Iterable<? extends Map<String, ?>> rows,
                                       ValueFormat format, boolean spreadsheet) {
        Font plain = font(Font.PLAIN);
        Font bold = font(Font.BOLD);
        double[] widths = new double[columns.size()];
        int[] chars = new int[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            widths[i] = width(columns.get(i).label(), bold, BOLD, Double.MAX_VALUE);
        }
        for (Map<String, ?> row : rows) {
            for (int i = 0; i < columns.size(); i++) {
                Column c = columns.get(i);
                Object value = row.get(c.key());
                if (value == null || c.type() == ColumnType.TEXT && widths[i] >= TEXT_LIMIT) {
                    continue;
                }
                String text = format.format(value, c.type());
                chars[i] = Math.max(chars[i], text.length());
                widths[i] = Math.max(widths[i], width(text, plain, PLAIN, c.type() == ColumnType.TEXT ? TEXT_LIMIT
                        : Double.MAX_VALUE));
            }
        }
        List<Column> out = new ArrayList<>(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            double need = Math.min(widths[i], c.type() == ColumnType.TEXT ? TEXT_LIMIT : Double.MAX_VALUE) + PADDING;
            if (spreadsheet && c.type() != ColumnType.TEXT) {
                need = Math.max(need, (double) chars[i] * SPREADSHEET_POINTS_PER_CHAR + PADDING);
            }
            out.add(c.withWidth((int) Math.ceil(need / STEP) * STEP));
        }
        return out;
    }

    /** The advance width of a text, summed glyph by glyph (cached per code point), stopping past {@code limit}. */
    private static double width(String text, Font font, Map<Integer, Float> advances, double limit) {
        double width = 0;
        for (int i = 0; i < text.length() && width <= limit; ) {
            int cp = text.codePointAt(i);
            width += advances.computeIfAbsent(cp, p -> (float) font.getStringBounds(Character.toString(p), CONTEXT)
                    .getWidth());
            i += Character.charCount(cp);
        }
        return width;
    }

    private static Font font(int style) {
        // the font JasperReports itself lays text out with: the app's font extension, at the report's size
        return FontUtil.getInstance(Jasper.CONTEXT).getAwtFontFromBundles(Jasper.FONT, style,
                TemplateGenerator.FONT_SIZE, Locale.ROOT, false);
    }
}
