package dev.formation.report.render;

import net.sf.jasperreports.engine.JRException;
import net.sf.jasperreports.engine.JRRuntimeException;
import net.sf.jasperreports.engine.JasperCompileManager;
import net.sf.jasperreports.engine.JasperReport;
import net.sf.jasperreports.engine.design.JasperDesign;
import net.sf.jasperreports.engine.xml.JRXmlLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Compiles JRXML text in memory and keeps the most recently used compiled reports, keyed by the
 * SHA-256 of the text: an edited template is a new key, an unchanged one compiles once.
 * <p>
 * Reports only ever come from JRXML text the app generated or ships; a compiled {@code .jasper}
 * file is never read, because loading one is Java deserialization of whatever the file holds.
 * For the same reason a DOCTYPE (external entities) is refused outright.
 */
public final class TemplateCache {

    private static final Logger LOG = LoggerFactory.getLogger(TemplateCache.class);

    private final Map<String, JasperReport> reports;

    /** @param capacity how many compiled reports to keep; the least recently used goes first */
    public TemplateCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.reports = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, JasperReport> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * The compiled report for this JRXML, compiled now if it is not cached. Two threads asking for
     * the same new template may both compile it; both get the instance that was cached first.
     *
     * @throws ReportException if the JRXML is malformed or does not compile
     */
    public JasperReport compile(String jrxml) {
        String key = sha256(jrxml);
        synchronized (reports) {
            JasperReport cached = reports.get(key);
            if (cached != null) {
                return cached;
            }
        }
        // compiled outside the lock: a slow template must not hold up renders of cached ones
        JasperReport compiled = compileNow(jrxml, key);
        synchronized (reports) {
            JasperReport raced = reports.putIfAbsent(key, compiled);
            return raced != null ? raced : compiled;
        }
    }

    public int size() {
        synchronized (reports) {
            return reports.size();
        }
    }

    private static JasperReport compileNow(String jrxml, String key) {
        if (jrxml.contains("<!DOCTYPE")) {
            throw new ReportException("a report template may not declare a DOCTYPE");
        }
        long start = System.nanoTime();
        try {
            JasperDesign design = JRXmlLoader.load(Jasper.CONTEXT,
                    new ByteArrayInputStream(jrxml.getBytes(StandardCharsets.UTF_8)));
            JasperReport report = JasperCompileManager.getInstance(Jasper.CONTEXT).compile(design);
            LOG.debug("compiled report template {} ({}) in {} ms", design.getName(), key.substring(0, 12),
                    (System.nanoTime() - start) / 1_000_000);
            return report;
        } catch (JRException | JRRuntimeException e) {
            throw new ReportException("report template " + key.substring(0, 12) + " does not compile: " + e.getMessage(), e);
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
