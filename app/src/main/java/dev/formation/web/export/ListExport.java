package dev.formation.web.export;

import dev.formation.core.Actor;
import dev.formation.form.Field;
import dev.formation.form.FieldType;
import dev.formation.form.Form;
import dev.formation.form.PlatformColumns;
import dev.formation.i18n.Texts;
import dev.formation.record.RecordService;
import dev.formation.security.Directory;
import dev.formation.store.FileStore;
import dev.formation.store.ListQuery;
import dev.formation.web.page.Lookups;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;

/**
 * Writes the rows of a list the viewer may export to a temporary file, one keyset page at a
 * time, the next page read while this one is written: the main sheet has a column per platform column and scalar field, each sub-table gets a
 * sheet of its own (XLSX) whose rows start with the parent's id, code and title. The file, not
 * the response, holds the bytes, so memory stays bounded and a refusal (403, 400) still answers
 * as problem+json before anything is sent.
 */
@Singleton
public class ListExport {

    /** At most this many records per file: the rows an XLSX sheet can hold. */
    static final int MAX_ROWS = XlsxBook.MAX_ROWS;

    private final RecordService records;
    private final Directory directory;
    private final Lookups lookups;
    private final ExecutorService readers;

    public ListExport(RecordService records, Directory directory, Lookups lookups,
                      @Named(TaskExecutors.BLOCKING) ExecutorService readers) {
        this.records = records;
        this.directory = directory;
        this.lookups = lookups;
        this.readers = readers;
    }

    /** The file with the export; the caller sends it and deletes it. */
    public Path write(String formKey, ListQuery query, ExportFormat format, Actor actor, Locale locale) {
        Form form = records.form(formKey);
        records.requireExport(form, actor);
        Set<String> hidden = records.hiddenFields(formKey, actor);
        Path file = null;
        try {
            file = Files.createTempFile("formation-export-", "." + format.extension());
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024);
                 ExportBook book = format == ExportFormat.XLSX ? new XlsxBook(out) : new CsvBook(out)) {
                write(form, query, format, actor, locale, hidden, book);
                book.finish();
            }
            return file;
        } catch (IOException e) {
            delete(file);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            delete(file);
            throw e;
        }
    }

    private void write(Form form, ListQuery query, ExportFormat format, Actor actor, Locale locale, Set<String> hidden,
                       ExportBook book) throws IOException {
        CellValues values = new CellValues(form, locale);
        List<ExportColumn> main = mainColumns(form, hidden, locale);
        ExportBook.Sheet mainSheet = book.sheet(form.label().in(locale), main);
        Map<Field, ExportBook.Sheet> tableSheets = new LinkedHashMap<>();
        for (Field table : form.fields()) {
            if (table.isTable() && !hidden.contains(table.key())) {
                ExportBook.Sheet sheet = book.sheet(table.label().in(locale), childColumns(form, table, locale));
                if (sheet != null) {
                    tableSheets.put(table, sheet);
                }
            }
        }
        Map<String, String> users = directory.userNames();
        Map<String, String> departments = directory.departmentNames();
        // one thread reads the pages and turns them into cells, this one writes them (see ReadAhead)
        ReadAhead.<List<SheetRow>>run(readers, handOver -> records.export(form.key(), query, actor, format.extension(),
                page -> {
                    CellValues.Names names = names(form, page, users, departments);
                    List<SheetRow> out = new ArrayList<>(page.size() * (1 + tableSheets.size()));
                    for (Map<String, Object> row : page) {
                        List<Cell> cells = new ArrayList<>(main.size());
                        main.forEach(column -> cells.add(values.of(column, row, names)));
                        out.add(new SheetRow(mainSheet, cells));
                        for (Map.Entry<Field, ExportBook.Sheet> table : tableSheets.entrySet()) {
                            childRows(form, table.getKey(), row, values, names, table.getValue(), out);
                        }
                    }
                    handOver.accept(out);
                }, MAX_ROWS), rows -> {
            for (SheetRow row : rows) {
                row.sheet().row(row.cells());
            }
        });
    }

    /** A row of cells for one of the book's sheets. */
    private record SheetRow(ExportBook.Sheet sheet, List<Cell> cells) {
    }

    private static void childRows(Form form, Field table, Map<String, Object> parent, CellValues values,
                                  CellValues.Names names, ExportBook.Sheet sheet, List<SheetRow> out) {
        Object rows = parent.get(table.key());
        if (!(rows instanceof List<?> list)) {
            return;
        }
        Cell id = values.of(new ExportColumn(PlatformColumns.ID, "", null), parent, names);
        Cell code = values.of(new ExportColumn(PlatformColumns.CODE, "", null), parent, names);
        Cell title = form.field(form.titleField()).map(f -> values.of(f, parent.get(f.key()), names)).orElse(null);
        for (Object item : list) {
            Map<?, ?> child = (Map<?, ?>) item;
            List<Cell> cells = new ArrayList<>();
            cells.add(id);
            cells.add(code);
            cells.add(title);
            for (Field field : table.children()) {
                cells.add(values.of(field, child.get(field.key()), names));
            }
            out.add(new SheetRow(sheet, cells));
        }
    }

    static List<ExportColumn> mainColumns(Form form, Set<String> hidden, Locale locale) {
        List<ExportColumn> columns = new ArrayList<>();
        for (String key : PlatformColumns.ALL) {
            if (!hidden.contains(key)) {
                Field field = form.field(key).filter(f -> !f.isTable()).orElse(null);
                columns.add(new ExportColumn(key, label(form, key, locale), key.equals(PlatformColumns.STATUS) ? null : field));
            }
        }
        for (Field field : form.fields()) {
            if (!field.isTable() && !field.isPlatformBound() && !hidden.contains(field.key())) {
                columns.add(new ExportColumn(field.key(), field.label().in(locale), field));
            }
        }
        return columns;
    }

    /** A sub-table's sheet: the parent's id, code and title, then the table's own columns. */
    private static List<ExportColumn> childColumns(Form form, Field table, Locale locale) {
        List<ExportColumn> columns = new ArrayList<>();
        columns.add(new ExportColumn(PlatformColumns.ID, label(form, PlatformColumns.ID, locale), null));
        columns.add(new ExportColumn(PlatformColumns.CODE, label(form, PlatformColumns.CODE, locale), null));
        columns.add(new ExportColumn(form.titleField(), label(form, form.titleField(), locale), null));
        for (Field child : table.children()) {
            columns.add(new ExportColumn(child.key(), child.label().in(locale), child));
        }
        return columns;
    }

    private static String label(Form form, String key, Locale locale) {
        return form.field(key).map(f -> f.label().in(locale)).orElseGet(() -> Texts.get(locale, "page.column." + key));
    }

    /** Titles of the records this page refers to and names of its files: one query per referenced form. */
    private CellValues.Names names(Form form, List<Map<String, Object>> page, Map<String, String> users,
                                   Map<String, String> departments) {
        Map<String, Set<Long>> references = new HashMap<>();
        Set<String> fileIds = new HashSet<>();
        for (Map<String, Object> row : page) {
            collect(form.fields(), row, references, fileIds);
        }
        Map<String, Map<Long, String>> titles = new HashMap<>();
        references.forEach((referenced, ids) -> titles.put(referenced, lookups.titles(records.form(referenced), ids)));
        Map<String, FileStore.StoredFile> files = fileIds.isEmpty() ? Map.of() : lookups.files(fileIds);
        return new CellValues.Names(users, departments, titles, files);
    }

    private static void collect(List<Field> fields, Map<?, ?> row, Map<String, Set<Long>> references,
                                Set<String> fileIds) {
        for (Field field : fields) {
            Object value = row.get(field.key());
            if (value == null) {
                continue;
            }
            if (field.valueType() == FieldType.REFERENCE && value instanceof Number n) {
                references.computeIfAbsent(field.referenceForm(), k -> new HashSet<>()).add(n.longValue());
            } else if (field.valueType().isFiles() && value instanceof List<?> ids) {
                ids.forEach(id -> fileIds.add(String.valueOf(id)));
            } else if (field.isTable() && value instanceof List<?> rows) {
                rows.forEach(r -> collect(field.children(), (Map<?, ?>) r, references, fileIds));
            }
        }
    }

    /** Deletes an export's file; one the system will not delete now goes when the JVM exits. */
    static void delete(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            file.toFile().deleteOnExit();
        }
    }
}
