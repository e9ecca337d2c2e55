package dev.formation.report.render;

import dev.formation.report.render.ReportLayout.Chart;
import dev.formation.report.render.ReportLayout.ChartType;
import dev.formation.report.render.ReportLayout.Column;
import dev.formation.report.render.ReportLayout.ColumnType;
import dev.formation.report.render.ReportLayout.NumberCard;
import net.sf.jasperreports.charts.base.JRBaseBarPlot;
import net.sf.jasperreports.charts.base.JRBaseChartPlot;
import net.sf.jasperreports.charts.base.JRBaseChartPlot.JRBaseSeriesColor;
import net.sf.jasperreports.charts.base.JRBaseLinePlot;
import net.sf.jasperreports.charts.base.JRBasePiePlot;
import net.sf.jasperreports.charts.design.JRDesignCategoryDataset;
import net.sf.jasperreports.charts.design.JRDesignCategorySeries;
import net.sf.jasperreports.charts.design.JRDesignChart;
import net.sf.jasperreports.charts.design.JRDesignPieDataset;
import net.sf.jasperreports.charts.design.JRDesignPieSeries;
import net.sf.jasperreports.charts.type.ChartTypeEnum;
import net.sf.jasperreports.charts.type.EdgeEnum;
import net.sf.jasperreports.engine.JRException;
import net.sf.jasperreports.engine.JRExpression;
import net.sf.jasperreports.engine.JRLineBox;
import net.sf.jasperreports.engine.design.JRDesignBand;
import net.sf.jasperreports.engine.design.JRDesignConditionalStyle;
import net.sf.jasperreports.engine.design.JRDesignElement;
import net.sf.jasperreports.engine.design.JRDesignExpression;
import net.sf.jasperreports.engine.design.JRDesignField;
import net.sf.jasperreports.engine.design.JRDesignParameter;
import net.sf.jasperreports.engine.design.JRDesignSection;
import net.sf.jasperreports.engine.design.JRDesignStyle;
import net.sf.jasperreports.engine.design.JRDesignTextField;
import net.sf.jasperreports.engine.design.JRDesignVariable;
import net.sf.jasperreports.engine.design.JasperDesign;
import net.sf.jasperreports.engine.type.CalculationEnum;
import net.sf.jasperreports.engine.type.EvaluationTimeEnum;
import net.sf.jasperreports.engine.type.ExpressionTypeEnum;
import net.sf.jasperreports.engine.type.HorizontalTextAlignEnum;
import net.sf.jasperreports.engine.type.ModeEnum;
import net.sf.jasperreports.engine.type.OrientationEnum;
import net.sf.jasperreports.engine.type.PositionTypeEnum;
import net.sf.jasperreports.engine.type.StretchTypeEnum;
import net.sf.jasperreports.engine.type.TextAdjustEnum;
import net.sf.jasperreports.engine.type.VerticalTextAlignEnum;
import net.sf.jasperreports.engine.type.WhenNoDataTypeEnum;
import net.sf.jasperreports.engine.xml.JRXmlWriter;

import java.awt.Color;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Turns a {@link ReportLayout} into a JasperReports design (and its JRXML text): A4, landscape
 * when the columns need it; title, optional subtitle, number card and chart; a header row that
 * repeats on every PDF page; zebra rows; number and date formats per column type; a line saying
 * there is no data when there is none; the CJK font everywhere, charts included.
 * <p>
 * Columns are as wide as their measured values need ({@link ColumnSizer}); when the page cannot
 * hold them all, text columns give way and wrap, and a number that still does not fit wraps
 * rather than losing digits: no value is ever cut.
 * <p>
 * The XLSX variant differs in its date and date-time cells only: they carry spreadsheet serials
 * computed here exactly ({@link Values#serial}) under an Excel date format.
 * <p>
 * Every expression it writes is a plain field, variable or parameter reference or a constant,
 * which JasperReports evaluates directly: generated templates compile without generating or
 * compiling any Java code. That is why zebra striping reads a field ({@value #SHADED_ROW_FIELD})
 * that {@link RowDataSource} supplies instead of computing {@code REPORT_COUNT % 2}.
 */
public final class TemplateGenerator {

    /** Boolean parameter: true prints page numbers; the renderer sets it for PDF only. */
    public static final String PAGED_PARAMETER = "FORMATION_PAGED";
    /** Optional String parameter shown under the title, e.g. the period the report covers. */
    public static final String SUBTITLE_PARAMETER = "FORMATION_SUBTITLE";
    /** Optional String parameter: the line shown below the header row when there are no rows ("No data"). */
    public static final String NO_DATA_PARAMETER = "FORMATION_NO_DATA";
    /**
     * Optional String parameter: the chart category of rows whose category is empty ("Not set"),
     * which are a category of their own; a chart cannot plot a null category.
     */
    public static final String NOT_SET_PARAMETER = "FORMATION_NOT_SET";
    /** Boolean parameter: true when there are no rows; the renderer sets it. */
    static final String EMPTY_PARAMETER = "FORMATION_EMPTY";

    /** Fields the generator adds; user keys start with a letter, so they cannot collide. */
    static final String SHADED_ROW_FIELD = "__shaded";
    /** Prefix of the XLSX variant's date cells: the spreadsheet serial of the row entry their description names. */
    static final String SERIAL_FIELD = "__serial";
    static final String CATEGORY_FIELD = "__category";
    private static final String SERIES_FIELD = "__series";
    private static final String CARD_FIELD = "__card";
    private static final String CARD_VARIABLE = "__card_total";

    private static final Pattern REFERENCE_START = Pattern.compile("\\$(?=[RPFV]\\{)");

    private static final int A4_SHORT = 595;
    private static final int A4_LONG = 842;
    private static final int MARGIN = 28;
    private static final int ROW_HEIGHT = 18;
    private static final int HEADER_HEIGHT = 22;
    private static final int CHART_HEIGHT = 260;
    /** The point size of the report text; {@link ColumnSizer} measures at the same size. */
    static final float FONT_SIZE = 9f;
    /** The point size of a chart drawn alone for a web page (about 12 CSS pixels at its own size). */
    private static final float SCREEN_CHART_FONT_SIZE = 12f;
    /** Charts narrower than this (points) slant their category labels. */
    private static final int NARROW_CHART = 400;
    private static final double SLANTED_LABELS = -45d;
    /** Below this a text column does not shrink to make room for the others. */
    private static final int TEXT_MINIMUM = 60;

    private static final Color TEXT = new Color(0x1F2937);
    private static final Color MUTED = new Color(0x6B7280);
    private static final Color HEADER_FILL = new Color(0xE9EEF5);
    private static final Color ZEBRA_FILL = new Color(0xF6F8FB);
    private static final Color RULE = new Color(0xD1D5DB);
    /** Series colours, in order; distinguishable for the common forms of colour blindness. */
    private static final List<Color> PALETTE = List.of(new Color(0x3366CC), new Color(0xF28E2B),
            new Color(0x59A14F), new Color(0xE15759), new Color(0x76B7B2), new Color(0xEDC948),
            new Color(0xB07AA1), new Color(0x9C755F));

    /** The report's JRXML for PDF, the form {@link TemplateCache} compiles and caches by content. */
    public String jrxml(ReportLayout layout) {
        return jrxml(layout, ReportRenderer.Format.PDF);
    }

    /** The report's JRXML for one output format (XLSX has its own date cells). */
    public String jrxml(ReportLayout layout, ReportRenderer.Format format) {
        return write(design(layout, format));
    }

    /**
     * A chart alone, on a page of exactly its size (no margins, no title): the image a web page
     * shows under its own heading ({@link ReportRenderer.Format#PNG}).
     */
    public String chartJrxml(Chart chart, int width, int height) {
        try {
            return write(new Builder(ReportLayout.chartOnly(chart), ReportRenderer.Format.PNG).chartPage(width, height));
        } catch (JRException e) {
            throw new IllegalStateException("cannot build a chart design", e);
        }
    }

    private static String write(JasperDesign design) {
        return new JRXmlWriter(Jasper.CONTEXT).write(design, "UTF-8");
    }

    /**
     * The design, for inspection: compile {@link #jrxml} instead, since the constant texts in the
     * design are XML-escaped for the JRXML writer (see {@link #constant}).
     */
    JasperDesign design(ReportLayout layout) {
        return design(layout, ReportRenderer.Format.PDF);
    }

    JasperDesign design(ReportLayout layout, ReportRenderer.Format format) {
        try {
            return new Builder(layout, format).build();
        } catch (JRException e) {
            // only duplicate names raise this, and ReportLayout rules those out
            throw new IllegalStateException("cannot build a design for '" + layout.title() + "'", e);
        }
    }

    /** One design under construction. */
    private static final class Builder {
        private final ReportLayout layout;
        private final boolean spreadsheet;
        private final JasperDesign design = new JasperDesign();
        private int width;
        private int elements;
        private JRDesignStyle title;
        private JRDesignStyle muted;
        private JRDesignStyle header;
        private JRDesignStyle cell;
        private JRDesignStyle figure;
        private JRDesignStyle base;

        Builder(ReportLayout layout, ReportRenderer.Format format) {
            this.layout = layout;
            this.spreadsheet = format == ReportRenderer.Format.XLSX;
            boolean landscape = neededWidth(layout.columns()) > A4_SHORT - 2 * MARGIN;
            design.setName("formation");
            design.setUUID(new UUID(0, 0));
            design.setOrientation(landscape ? OrientationEnum.LANDSCAPE : OrientationEnum.PORTRAIT);
            design.setPageWidth(landscape ? A4_LONG : A4_SHORT);
            design.setPageHeight(landscape ? A4_SHORT : A4_LONG);
            design.setLeftMargin(MARGIN);
            design.setRightMargin(MARGIN);
            design.setTopMargin(MARGIN);
            design.setBottomMargin(MARGIN);
            width = design.getPageWidth() - 2 * MARGIN;
            design.setColumnWidth(width);
            // an empty result still shows its title, header row and chart frame instead of no page at all
            design.setWhenNoDataType(WhenNoDataTypeEnum.ALL_SECTIONS_NO_DETAIL);
            design.setProperty("net.sf.jasperreports.export.pdf.metadata.title", layout.title());
            design.setProperty("net.sf.jasperreports.export.pdf.display.metadata.title", "true");
            design.setProperty("net.sf.jasperreports.export.xls.sheet.names.all", sheetName(layout.title()));
        }

        JasperDesign build() throws JRException {
            styles();
            parameters();
            fields();
            titleBand();
            if (!layout.columns().isEmpty()) {
                table();
            }
            noDataLine();
            pageFooter();
            return design;
        }

        /** The chart alone, filling a page of its size. */
        JasperDesign chartPage(int chartWidth, int chartHeight) throws JRException {
            design.setOrientation(chartWidth > chartHeight ? OrientationEnum.LANDSCAPE : OrientationEnum.PORTRAIT);
            design.setPageWidth(chartWidth);
            design.setPageHeight(chartHeight);
            design.setLeftMargin(0);
            design.setRightMargin(0);
            design.setTopMargin(0);
            design.setBottomMargin(0);
            design.setColumnWidth(chartWidth);
            width = chartWidth;
            styles();
            parameters();
            fields();
            JRDesignBand band = new JRDesignBand();
            band.setHeight(chartHeight);
            JRDesignChart chart = chart(layout.chart(), 0, chartHeight);
            // a screen shows the image at about a point per pixel: its labels, legend and ticks need screen sizes
            JRDesignStyle screen = style("ScreenChart", base);
            screen.setFontSize(SCREEN_CHART_FONT_SIZE);
            chart.setStyle(screen);
            if (chartWidth < NARROW_CHART) {
                // a phone's chart has little room per category: slanted labels are read whole instead of cut to "2…"
                if (chart.getPlot() instanceof JRBaseBarPlot bar) {
                    bar.setCategoryAxisTickLabelRotation(SLANTED_LABELS);
                } else if (chart.getPlot() instanceof JRBaseLinePlot line) {
                    line.setCategoryAxisTickLabelRotation(SLANTED_LABELS);
                }
            }
            band.addElement(chart);
            design.setTitle(band);
            return design;
        }

        private void styles() throws JRException {
            base = style("Base", null);
            base.setDefault(true);
            base.setFontName(Jasper.FONT);
            base.setFontSize(FONT_SIZE);
            base.setForecolor(TEXT);
            title = style("Title", base);
            title.setFontSize(16f);
            title.setBold(true);
            muted = style("Muted", base);
            muted.setForecolor(MUTED);
            figure = style("Figure", base);
            figure.setFontSize(22f);
            figure.setBold(true);
            header = style("Header", base);
            header.setBold(true);
            header.setMode(ModeEnum.OPAQUE);
            header.setBackcolor(HEADER_FILL);
            header.setVerticalTextAlign(VerticalTextAlignEnum.MIDDLE);
            pad(header.getLineBox());
            header.getLineBox().getBottomPen().setLineWidth(0.75f);
            header.getLineBox().getBottomPen().setLineColor(RULE);
            cell = style("Cell", base);
            cell.setVerticalTextAlign(VerticalTextAlignEnum.MIDDLE);
            pad(cell.getLineBox());
            cell.getLineBox().getBottomPen().setLineWidth(0.25f);
            cell.getLineBox().getBottomPen().setLineColor(RULE);
            JRDesignConditionalStyle shaded = new JRDesignConditionalStyle();
            shaded.setConditionExpression(field(SHADED_ROW_FIELD));
            shaded.setMode(ModeEnum.OPAQUE);
            shaded.setBackcolor(ZEBRA_FILL);
            cell.addConditionalStyle(shaded);
        }

        private JRDesignStyle style(String name, JRDesignStyle parent) throws JRException {
            JRDesignStyle style = new JRDesignStyle();
            style.setName(name);
            style.setParentStyle(parent);
            design.addStyle(style);
            return style;
        }

        private static void pad(JRLineBox box) {
            box.setLeftPadding(4);
            box.setRightPadding(4);
            box.setTopPadding(2);
            box.setBottomPadding(2);
        }

        private void parameters() throws JRException {
            declareParameter(PAGED_PARAMETER, Boolean.class);
            declareParameter(SUBTITLE_PARAMETER, String.class);
            declareParameter(NO_DATA_PARAMETER, String.class);
            declareParameter(EMPTY_PARAMETER, Boolean.class);
        }

        private void declareParameter(String name, Class<?> type) throws JRException {
            JRDesignParameter p = new JRDesignParameter();
            p.setName(name);
            p.setValueClass(type);
            design.addParameter(p);
        }

        /**
         * Table columns read their own keys with their own types; the chart and the card read
         * theirs through separate fields (the description names the row key) so that, say, a date
         * column can also be a chart's text category.
         */
        private void fields() throws JRException {
            List<Column> columns = layout.columns();
            for (int i = 0; i < columns.size(); i++) {
                Column c = columns.get(i);
                if (serialCell(c)) {
                    declareField(SERIAL_FIELD + i, c.key(), Object.class);
                } else if (c.type() == ColumnType.TEXT) {
                    declareField(c.key(), null, String.class);
                } else {
                    // a number or date, or the label of the not-set group: JasperReports formats by the value's class
                    declareField(c.key(), c.type().name(), Object.class);
                }
            }
            declareField(SHADED_ROW_FIELD, null, Boolean.class);
            Chart chart = layout.chart();
            if (chart != null) {
                declareField(CATEGORY_FIELD, chart.categoryKey(), String.class);
                for (int i = 0; i < chart.valueKeys().size(); i++) {
                    declareField(SERIES_FIELD + i, chart.valueKeys().get(i), BigDecimal.class);
                }
            }
            NumberCard card = layout.card();
            if (card != null) {
                declareField(CARD_FIELD, card.valueKey(), BigDecimal.class);
                JRDesignVariable total = new JRDesignVariable();
                total.setName(CARD_VARIABLE);
                total.setValueClass(BigDecimal.class);
                total.setCalculation(CalculationEnum.SUM);
                total.setExpression(field(CARD_FIELD));
                design.addVariable(total);
            }
        }

        private void declareField(String name, String rowKey, Class<?> type) throws JRException {
            JRDesignField f = new JRDesignField();
            f.setName(name);
            f.setDescription(rowKey);
            f.setValueClass(type);
            design.addField(f);
        }

        /** Title, subtitle, card and chart, stacked; the card and chart are filled once all rows are read. */
        private void titleBand() {
            JRDesignBand band = new JRDesignBand();
            int y = 0;
            JRDesignTextField heading = label(layout.title(), title, 0, y, width, 26);
            heading.setTextAdjust(TextAdjustEnum.STRETCH_HEIGHT);
            band.addElement(heading);
            y += 26;
            // everything below the title floats: a long title wraps and pushes it down
            JRDesignTextField subtitle = textField(parameter(SUBTITLE_PARAMETER), muted, 0, y, width, 16);
            subtitle.setPositionType(PositionTypeEnum.FLOAT);
            subtitle.setBlankWhenNull(true);
            subtitle.setRemoveLineWhenBlank(true);
            band.addElement(subtitle);
            y += 20;
            NumberCard card = layout.card();
            if (card != null) {
                JRDesignTextField label = label(card.label(), muted, 0, y, width, 14);
                label.setPositionType(PositionTypeEnum.FLOAT);
                band.addElement(label);
                y += 14;
                JRDesignTextField value = textField(variable(CARD_VARIABLE), figure, 0, y, width, 32);
                value.setPositionType(PositionTypeEnum.FLOAT);
                value.setEvaluationTime(EvaluationTimeEnum.REPORT);
                value.setPattern(ValueFormat.pattern(card.type()));
                band.addElement(value);
                y += 40;
            }
            if (layout.chart() != null) {
                JRDesignChart chart = chart(layout.chart(), y, CHART_HEIGHT);
                chart.setPositionType(PositionTypeEnum.FLOAT);
                band.addElement(chart);
                y += CHART_HEIGHT + 10;
            }
            band.setHeight(y);
            design.setTitle(band);
        }

        private JRDesignChart chart(Chart spec, int y, int height) {
            JRDesignChart chart = new JRDesignChart(design, switch (spec.type()) {
                case BAR -> ChartTypeEnum.BAR;
                case LINE -> ChartTypeEnum.LINE;
                case PIE -> ChartTypeEnum.PIE;
            });
            place(chart, 0, y, width, height);
            chart.setEvaluationTime(EvaluationTimeEnum.REPORT);
            if (spec.title() != null) {
                chart.setTitleExpression(constant(spec.title()));
                chart.setTitleColor(TEXT);
            }
            chart.setShowLegend(spec.type() == ChartType.PIE || spec.valueKeys().size() > 1);
            chart.setLegendPosition(EdgeEnum.BOTTOM);
            chart.setLegendColor(TEXT);
            JRBaseChartPlot plot = (JRBaseChartPlot) chart.getPlot();
            for (int i = 0; i < PALETTE.size(); i++) {
                plot.addSeriesColor(new JRBaseSeriesColor(i, PALETTE.get(i)));
            }
            if (spec.type() == ChartType.PIE) {
                JRDesignPieSeries series = new JRDesignPieSeries();
                series.setKeyExpression(field(CATEGORY_FIELD));
                series.setValueExpression(field(SERIES_FIELD + 0));
                ((JRDesignPieDataset) chart.getDataset()).addPieSeries(series);
                // slice labels: name and share; the legend names the slices
                ((JRBasePiePlot) plot).setLabelFormat("{0} {2}");
                ((JRBasePiePlot) plot).setLegendLabelFormat("{0}");
            } else {
                JRDesignCategoryDataset dataset = (JRDesignCategoryDataset) chart.getDataset();
                for (int i = 0; i < spec.valueKeys().size(); i++) {
                    JRDesignCategorySeries series = new JRDesignCategorySeries();
                    series.setSeriesExpression(constant(spec.seriesLabels().get(i)));
                    series.setCategoryExpression(field(CATEGORY_FIELD));
                    series.setValueExpression(field(SERIES_FIELD + i));
                    dataset.addCategorySeries(series);
                }
                if (plot instanceof JRBaseLinePlot line) {
                    line.setShowShapes(true);
                }
            }
            return chart;
        }

        private void table() {
            List<Column> columns = layout.columns();
            int[] widths = widths(columns, width);
            JRDesignBand head = new JRDesignBand();
            head.setHeight(HEADER_HEIGHT);
            JRDesignBand row = new JRDesignBand();
            row.setHeight(ROW_HEIGHT);
            int x = 0;
            for (int i = 0; i < columns.size(); i++) {
                Column c = columns.get(i);
                HorizontalTextAlignEnum align = c.type() == ColumnType.TEXT ? HorizontalTextAlignEnum.LEFT
                        : HorizontalTextAlignEnum.RIGHT;
                JRDesignTextField label = label(c.label(), header, x, 0, widths[i], HEADER_HEIGHT);
                label.setHorizontalTextAlign(align);
                label.setTextAdjust(TextAdjustEnum.STRETCH_HEIGHT);
                label.setStretchType(StretchTypeEnum.CONTAINER_HEIGHT);
                if (i == 0) {
                    // XLSX: the header row stays in view while scrolling
                    label.getPropertiesMap().setProperty("net.sf.jasperreports.export.xls.freeze.row.edge", "Bottom");
                }
                head.addElement(label);
                JRDesignTextField value;
                if (serialCell(c)) {
                    value = textField(field(SERIAL_FIELD + i), cell, x, 0, widths[i], ROW_HEIGHT);
                    value.getPropertiesMap().setProperty("net.sf.jasperreports.export.xls.pattern",
                            ValueFormat.excelPattern(c.type()));
                } else {
                    value = textField(field(c.key()), cell, x, 0, widths[i], ROW_HEIGHT);
                    value.setPattern(ValueFormat.pattern(c.type()));
                }
                value.setHorizontalTextAlign(align);
                value.setBlankWhenNull(true);
                // a value that does not fit wraps and the whole row grows with it: nothing is ever cut
                value.setTextAdjust(TextAdjustEnum.STRETCH_HEIGHT);
                value.setStretchType(StretchTypeEnum.CONTAINER_HEIGHT);
                row.addElement(value);
                x += widths[i];
            }
            design.setColumnHeader(head);
            ((JRDesignSection) design.getDetailSection()).addBand(row);
        }

        /** A text below the header row, printed only when there are no rows. */
        private void noDataLine() {
            JRDesignBand band = new JRDesignBand();
            band.setHeight(ROW_HEIGHT + 4);
            band.setPrintWhenExpression(parameter(EMPTY_PARAMETER));
            JRDesignTextField line = textField(parameter(NO_DATA_PARAMETER), muted, 0, 4, width, ROW_HEIGHT);
            line.setBlankWhenNull(true);
            band.addElement(line);
            design.setSummary(band);
        }

        /** In XLSX a date or date-time cell is a spreadsheet serial, computed exactly. */
        private boolean serialCell(Column c) {
            return spreadsheet && c.type().isTemporal();
        }

        private void pageFooter() {
            JRDesignBand band = new JRDesignBand();
            band.setHeight(16);
            band.setPrintWhenExpression(parameter(PAGED_PARAMETER));
            int half = width / 2;
            JRDesignTextField page = textField(simpleText("$V{PAGE_NUMBER} /"), muted, 0, 2, half, 14);
            page.setHorizontalTextAlign(HorizontalTextAlignEnum.RIGHT);
            band.addElement(page);
            // the page count is known only at the end, hence a second field evaluated then
            JRDesignTextField pages = textField(simpleText(" $V{PAGE_NUMBER}"), muted, half, 2, width - half, 14);
            pages.setEvaluationTime(EvaluationTimeEnum.REPORT);
            band.addElement(pages);
            design.setPageFooter(band);
        }

        /**
         * Fixed text, as a text field with a constant expression rather than a static text: the
         * JRXML writer puts static text in CDATA and fails on a label that contains "]]>".
         */
        private JRDesignTextField label(String text, JRDesignStyle style, int x, int y, int w, int h) {
            return textField(constant(text), style, x, y, w, h);
        }

        private JRDesignTextField textField(JRExpression expression, JRDesignStyle style, int x, int y, int w, int h) {
            JRDesignTextField e = new JRDesignTextField(design);
            e.setExpression(expression);
            e.setStyle(style);
            place(e, x, y, w, h);
            return e;
        }

        /**
         * Element ids are numbered, not random: the same layout must give the same JRXML, byte for
         * byte, or {@link TemplateCache} would compile it anew on every render.
         */
        private void place(JRDesignElement e, int x, int y, int w, int h) {
            e.setUUID(new UUID(0, ++elements));
            e.setX(x);
            e.setY(y);
            e.setWidth(w);
            e.setHeight(h);
        }
    }

    /** Excel sheet names: at most 31 characters and none of : \ / ? * [ ] (the property also splits on /). */
    static String sheetName(String title) {
        String name = title.replaceAll("[:\\\\/?*\\[\\]]", " ").strip();
        name = name.length() > 31 ? name.substring(0, 31) : name;
        return name.isEmpty() ? "Sheet1" : name;
    }

    /**
     * Whole numbers are BigDecimal too: a count or a sum of BIGINT values may exceed a Long
     * (two of 2^63 − 1), and the database hands such sums back as DECIMAL; the pattern still
     * shows them without decimals.
     */
    static Class<?> valueClass(ColumnType type) {
        return switch (type) {
            case TEXT -> String.class;
            case INTEGER, NUMBER, MONEY, PERCENT -> BigDecimal.class;
            case DATE, DATETIME -> Date.class;
        };
    }

    /**
     * Column widths summing exactly to the band width. Each column starts from the width it needs
     * (measured, or a share by its type when unmeasured); spare room is shared out in proportion;
     * when room is short, text columns shrink (down to {@value #TEXT_MINIMUM} points) and wrap while
     * numbers and dates keep theirs; only when even that cannot fit does every column shrink in
     * proportion, and numbers then wrap.
     */
    static int[] widths(List<Column> columns, int total) {
        double[] share = columns.stream().mapToDouble(TemplateGenerator::needed).toArray();
        if (java.util.Arrays.stream(share).sum() > total) {
            shrinkText(columns, share, total);
        }
        double shares = java.util.Arrays.stream(share).sum();
        int[] widths = new int[columns.size()];
        int used = 0;
        for (int i = 0; i < widths.length; i++) {
            widths[i] = i == widths.length - 1 ? total - used : (int) Math.floor(total * share[i] / shares);
            used += widths[i];
        }
        return widths;
    }

    /**
     * Text columns give way: they share the room the other columns leave, in proportion to their
     * need, none below the minimum (a column pinned at the minimum leaves the rest to the others).
     * When the others leave too little for that, nothing changes here and every column shrinks alike.
     */
    private static void shrinkText(List<Column> columns, double[] share, int total) {
        double fixed = 0;
        List<Integer> text = new ArrayList<>();
        for (int i = 0; i < share.length; i++) {
            if (columns.get(i).type() == ColumnType.TEXT) {
                text.add(i);
            } else {
                fixed += share[i];
            }
        }
        if (text.isEmpty() || total - fixed < text.size() * TEXT_MINIMUM) {
            return;
        }
        double[] need = share.clone();
        List<Integer> free = new ArrayList<>(text);
        double room = total - fixed;
        boolean pinned = true;
        while (pinned) {
            pinned = false;
            double wanted = free.stream().mapToDouble(i -> need[i]).sum();
            for (int i : free) {
                share[i] = room * need[i] / wanted;
            }
            for (java.util.Iterator<Integer> it = free.iterator(); it.hasNext(); ) {
                int i = it.next();
                if (share[i] < TEXT_MINIMUM) {
                    share[i] = TEXT_MINIMUM;
                    room -= TEXT_MINIMUM;
                    it.remove();
                    pinned = true;
                }
            }
        }
    }

    private static int neededWidth(List<Column> columns) {
        return (int) columns.stream().mapToDouble(TemplateGenerator::needed).sum();
    }

    /** The width a column needs: measured, or by its type (text more than numbers) when not. */
    private static double needed(Column c) {
        return c.width() > 0 ? c.width() : c.type() == ColumnType.TEXT ? 102 : 68;
    }

    private static JRDesignExpression field(String name) {
        return new JRDesignExpression("$F{" + name + "}");
    }

    private static JRDesignExpression variable(String name) {
        return new JRDesignExpression("$V{" + name + "}");
    }

    private static JRDesignExpression parameter(String name) {
        return new JRDesignExpression("$P{" + name + "}");
    }

    /** A "simple text" expression: literal text with $V{..} references, evaluated without Java. */
    private static JRDesignExpression simpleText(String text) {
        JRDesignExpression e = new JRDesignExpression(text);
        e.setType(ExpressionTypeEnum.SIMPLE_TEXT);
        return e;
    }

    /**
     * Constant text, as a "simple text" expression: JasperReports evaluates those directly, while
     * a Java string literal would need compiling. A {@code $} that starts a reference, as in
     * {@code $F{name}}, is doubled: the expression syntax's escape for a literal {@code $}.
     * <p>
     * The text is also XML-escaped here, because JasperReports 7.0.6's JRXML writer copies simple
     * text expressions into the XML verbatim (ExpressionSerializer uses writeRaw): unescaped, a
     * label with {@code <} or {@code &} would break the JRXML or inject elements into it. The
     * loader unescapes it again. {@code TemplateGeneratorTest} fails if a JasperReports upgrade
     * starts escaping too (labels would then show {@code &amp;}).
     */
    static JRDesignExpression constant(String text) {
        String escaped = REFERENCE_START.matcher(text).replaceAll("\\$\\$")
                .replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replaceAll("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F]", "");
        return simpleText(escaped);
    }
}
