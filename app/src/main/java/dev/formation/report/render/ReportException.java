package dev.formation.report.render;

/** A report template that does not compile, or a render that failed (bad row data, an export error). */
public class ReportException extends RuntimeException {

    public ReportException(String message) {
        super(message);
    }

    public ReportException(String message, Throwable cause) {
        super(message, cause);
    }
}
