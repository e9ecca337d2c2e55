package dev.formation.web.export;

import dev.formation.core.BadRequestException;

import java.util.Locale;

/** The file types a list exports to; CSV stays the default, as the route served before XLSX existed. */
public enum ExportFormat {
    CSV("csv", "text/csv;charset=utf-8"),
    XLSX("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final String extension;
    private final String contentType;

    ExportFormat(String extension, String contentType) {
        this.extension = extension;
        this.contentType = contentType;
    }

    public String extension() {
        return extension;
    }

    public String contentType() {
        return contentType;
    }

    /** {@code ?format=}: absent means CSV; anything but csv or xlsx is a 400 naming the choices. */
    public static ExportFormat of(String name) {
        String text = name == null || name.isBlank() ? "csv" : name.trim().toLowerCase(Locale.ROOT);
        return switch (text) {
            case "csv" -> CSV;
            case "xlsx" -> XLSX;
            default -> throw new BadRequestException("problem.badParam", "format", "csv, xlsx");
        };
    }
}
