package dev.formation.report.render;

import net.sf.jasperreports.engine.JRException;
import net.sf.jasperreports.engine.JRParameter;
import net.sf.jasperreports.engine.JRRuntimeException;
import net.sf.jasperreports.engine.JasperFillManager;
import net.sf.jasperreports.engine.JasperPrint;
import net.sf.jasperreports.engine.JasperReport;
import net.sf.jasperreports.engine.export.JRGraphics2DExporter;
import net.sf.jasperreports.engine.export.ooxml.JRXlsxExporter;
import net.sf.jasperreports.engine.fill.JRSwapFileVirtualizer;
import net.sf.jasperreports.engine.util.JRSwapFile;
import net.sf.jasperreports.export.SimpleExporterInput;
import net.sf.jasperreports.export.SimpleGraphics2DExporterOutput;
import net.sf.jasperreports.export.SimpleGraphics2DReportConfiguration;
import net.sf.jasperreports.export.SimpleOutputStreamExporterOutput;
import net.sf.jasperreports.export.SimpleXlsxReportConfiguration;
import net.sf.jasperreports.pdf.JRPdfExporter;
import net.sf.jasperreports.pdf.SimplePdfExporterConfiguration;
import net.sf.jasperreports.pdf.SimplePdfReportConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;

/**
 * Fills a compiled report with rows and writes it as PDF, XLSX or a PNG image (of its first page:
 * a chart drawn alone for a web page); CSV is the table's data, written from the rows themselves
 * ({@link #renderCsv}).
 * <p>
 * PDF is paginated (header row on every page, page numbers). The other formats are filled as one
 * long page, so a spreadsheet gets a single header row. Rows
 * beyond {@value #IN_MEMORY_ROWS}, and every iterator (its size is unknown), are filled through a
 * swap-file virtualizer: filled pages, and the chunks of one long page, go to a temporary file
 * instead of the heap, which keeps a 100,000-row export within a small, fixed heap.
 * <p>
 * Thread-safe: a render keeps its state to itself, and compiled reports may be shared.
 */
public final class ReportRenderer {

    private static final Logger LOG = LoggerFactory.getLogger(ReportRenderer.class);

    /** Up to this many rows (a list) are filled on the heap: a temporary file would only cost time. */
    static final int IN_MEMORY_ROWS = 2_000;
    /** Filled pages kept on the heap while virtualizing; the rest wait in the swap file. */
    private static final int PAGES_IN_MEMORY = 4;

    /** How many image pixels a report point becomes in PNG: twice 72 dpi stays sharp on high-density screens. */
    public static final int PNG_SCALE = 2;

    public enum Format {
        PDF("application/pdf", "pdf"),
        XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
        /** UTF-8 with a byte order mark, so that Excel reads the Chinese; plain values, see {@link CsvExport}. */
        CSV("text/csv; charset=UTF-8", "csv"),
        /** The first page as an image, {@value #PNG_SCALE} pixels per point. */
        PNG("image/png", "png");

        private final String contentType;
        private final String extension;

        Format(String contentType, String extension) {
            this.contentType = contentType;
            this.extension = extension;
        }

        public String contentType() {
            return contentType;
        }

        public String extension() {
            return extension;
        }
    }

    private final ZoneId zone;
    private final Locale locale;
    private final Path swapDirectory;

    /**
     * @param zone          the zone in which instants (java.util.Date, Instant) read as local dates and times,
     *                      unless a render passes {@link JRParameter#REPORT_TIME_ZONE}
     * @param locale        the locale of number formats and chart labels, unless a render passes
     *                      {@link JRParameter#REPORT_LOCALE}; fixed, so output never depends on the server's locale
     * @param swapDirectory where virtualized renders keep their temporary swap files (created if missing)
     */
    public ReportRenderer(ZoneId zone, Locale locale, Path swapDirectory) {
        this.zone = zone;
        this.locale = locale;
        this.swapDirectory = swapDirectory;
        try {
            Files.createDirectories(swapDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the report swap directory " + swapDirectory, e);
        }
    }

    /** Renders rows already in memory; large lists are virtualized. Does not close {@code out}. */
    public void render(JasperReport report, List<? extends Map<String, ?>> rows, Map<String, ?> parameters,
                       Format format, OutputStream out) {
        render(report, rows.iterator(), rows.size() > IN_MEMORY_ROWS, parameters, format, out);
    }

    /**
     * Renders rows read one at a time (say from a database cursor), always virtualized. The
     * caller owns the iterator's resources and closes them after this returns, and {@code out}.
     *
     * @param parameters report parameters, such as {@link TemplateGenerator#SUBTITLE_PARAMETER},
     *                   {@link JRParameter#REPORT_LOCALE} or {@link JRParameter#REPORT_TIME_ZONE}
     */
    public void render(JasperReport report, Iterator<? extends Map<String, ?>> rows, Map<String, ?> parameters,
                       Format format, OutputStream out) {
        render(report, rows, true, parameters, format, out);
    }

    /**
     * The table's rows as CSV: a header row of the labels, then one line per row with plain
     * values (see {@link CsvExport}). Does not close {@code out}.
     */
    public void renderCsv(List<ReportLayout.Column> columns, Iterator<? extends Map<String, ?>> rows, OutputStream out) {
        try {
            CsvExport.write(columns, rows, zone, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void render(JasperReport report, Iterator<? extends Map<String, ?>> rows, boolean virtualize,
                        Map<String, ?> parameters, Format format, OutputStream out) {
        if (format == Format.CSV) {
            throw new IllegalArgumentException("CSV is written from the rows (renderCsv), not from a template");
        }
        long start = System.nanoTime();
        Map<String, Object> values = new HashMap<>(parameters);
        // asked before filling: an iterator says whether it has a row without giving it away
        values.put(TemplateGenerator.EMPTY_PARAMETER, !rows.hasNext());
        TimeZone timeZone = (TimeZone) values.computeIfAbsent(JRParameter.REPORT_TIME_ZONE, k -> TimeZone.getTimeZone(zone));
        values.putIfAbsent(JRParameter.REPORT_LOCALE, locale);
        values.put(JRParameter.IS_IGNORE_PAGINATION, format != Format.PDF);
        values.put(TemplateGenerator.PAGED_PARAMETER, format == Format.PDF);
        JRSwapFileVirtualizer virtualizer = null;
        try {
            if (virtualize) {
                virtualizer = new JRSwapFileVirtualizer(PAGES_IN_MEMORY,
                        new JRSwapFile(Jasper.CONTEXT, swapDirectory.toString(), 8192, 64), true);
                values.put(JRParameter.REPORT_VIRTUALIZER, virtualizer);
            }
            JasperPrint print = JasperFillManager.getInstance(Jasper.CONTEXT)
                    .fill(report, values, new RowDataSource(rows, timeZone.toZoneId(),
                            (String) values.getOrDefault(TemplateGenerator.NOT_SET_PARAMETER, "-")));
            long filled = System.nanoTime();
            if (virtualizer != null) {
                // the print is complete: exporting only reads pages back, never swaps them out again
                virtualizer.setReadOnly(true);
            }
            export(print, format, out);
            LOG.debug("rendered {} as {} ({} pages, virtualized: {}): filled in {} ms, exported in {} ms",
                    report.getName(), format, print.getPages().size(), virtualize, (filled - start) / 1_000_000,
                    (System.nanoTime() - filled) / 1_000_000);
        } catch (JRException | JRRuntimeException e) {
            throw new ReportException("cannot render report '" + report.getName() + "' as " + format + ": "
                    + e.getMessage(), e);
        } finally {
            if (virtualizer != null) {
                virtualizer.cleanup();
            }
        }
    }

    private static void export(JasperPrint print, Format format, OutputStream out) throws JRException {
        switch (format) {
            case PDF -> pdf(print, out);
            case XLSX -> xlsx(print, out);
            case PNG -> png(print, out);
            case CSV -> throw new IllegalArgumentException("CSV is not exported from a print");
        }
    }

    private static void pdf(JasperPrint print, OutputStream out) throws JRException {
        JRPdfExporter exporter = new JRPdfExporter(Jasper.CONTEXT);
        exporter.setExporterInput(new SimpleExporterInput(print));
        exporter.setExporterOutput(new SimpleOutputStreamExporterOutput(out));
        SimplePdfExporterConfiguration configuration = new SimplePdfExporterConfiguration();
        configuration.setCompressed(true);
        exporter.setConfiguration(configuration);
        SimplePdfReportConfiguration report = new SimplePdfReportConfiguration();
        // charts stay vector graphics, and their text is real text in the embedded report font
        // (searchable, selectable, small) instead of glyph outlines
        report.setForceSvgShapes(false);
        exporter.setConfiguration(report);
        exporter.exportReport();
    }

    /** The first page drawn onto an image, text and charts antialiased, on white. */
    private static void png(JasperPrint print, OutputStream out) throws JRException {
        int width = print.getPageWidth() * PNG_SCALE;
        int height = print.getPageHeight() * PNG_SCALE;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        try {
            graphics.setColor(Color.WHITE);
            graphics.fillRect(0, 0, width, height);
            graphics.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            graphics.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            graphics.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            JRGraphics2DExporter exporter = new JRGraphics2DExporter(Jasper.CONTEXT);
            exporter.setExporterInput(new SimpleExporterInput(print));
            SimpleGraphics2DExporterOutput output = new SimpleGraphics2DExporterOutput();
            output.setGraphics2D(graphics);
            exporter.setExporterOutput(output);
            SimpleGraphics2DReportConfiguration configuration = new SimpleGraphics2DReportConfiguration();
            configuration.setPageIndex(0);
            configuration.setZoomRatio((float) PNG_SCALE);
            exporter.setConfiguration(configuration);
            exporter.exportReport();
        } finally {
            graphics.dispose();
        }
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void xlsx(JasperPrint print, OutputStream out) throws JRException {
        JRXlsxExporter exporter = new JRXlsxExporter(Jasper.CONTEXT);
        exporter.setExporterInput(new SimpleExporterInput(print));
        exporter.setExporterOutput(new SimpleOutputStreamExporterOutput(out));
        SimpleXlsxReportConfiguration report = new SimpleXlsxReportConfiguration();
        // numbers and dates become typed cells with Excel formats, not text
        report.setDetectCellType(true);
        // empty spacer rows stay: removing them would move the frozen header pane off the header row
        report.setRemoveEmptySpaceBetweenColumns(true);
        report.setWhitePageBackground(false);
        report.setIgnorePageMargins(true);
        exporter.setConfiguration(report);
        exporter.exportReport();
    }
}
