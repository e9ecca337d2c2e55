package dev.formation.report.render;

import net.sf.jasperreports.engine.DefaultJasperReportsContext;
import net.sf.jasperreports.engine.JasperReportsContext;
import net.sf.jasperreports.engine.SimpleJasperReportsContext;

/**
 * The one JasperReports context this package compiles, fills and exports with, so its settings
 * hold for every report without a global {@code jasperreports.properties} on the class path.
 */
final class Jasper {

    /** The font family registered by {@code fonts/formation-fonts.xml} (a font extension). */
    static final String FONT = "Formation Sans";

    static final JasperReportsContext CONTEXT = create();

    private Jasper() {
    }

    private static JasperReportsContext create() {
        SimpleJasperReportsContext context = new SimpleJasperReportsContext(DefaultJasperReportsContext.getInstance());
        // text without an explicit font (hand-made templates, chart parts) still gets the CJK font
        context.setProperty("net.sf.jasperreports.default.font.name", FONT);
        // a missing font must fail the render rather than silently drop every Chinese glyph
        context.setProperty("net.sf.jasperreports.awt.ignore.missing.font", "false");
        // charts are rasterised for HTML and XLSX: twice the 72 dpi default stays sharp on high-density screens
        context.setProperty("net.sf.jasperreports.image.dpi", "144");
        // renders delete their swap files themselves; delete-on-exit would keep every path until shutdown
        context.setProperty("net.sf.jasperreports.virtualizer.files.delete.on.exit", "false");
        return context;
    }
}
