package dev.formation.imports;

import dev.formation.core.Actor;
import dev.formation.core.FieldError;
import dev.formation.core.ForbiddenException;
import dev.formation.core.NotFoundException;
import dev.formation.core.StateConflictException;
import dev.formation.core.ValidationException;
import dev.formation.form.Field;
import dev.formation.form.Form;
import dev.formation.i18n.Texts;
import dev.formation.record.RecordService;
import dev.formation.security.AccessPolicy;
import dev.formation.sheet.SheetRows;
import dev.formation.store.FileStore;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Imports as the API and pages see them: the template, starting one (checked before it is
 * queued: permission, mode, key, that the file is a workbook), how far it is, its history per
 * form, the errors sheet, reverting. Whoever may import a form (action {@code import} in a role)
 * sees its imports; each row is still written with the importer's own permissions.
 */
@Singleton
public class ImportService {

    /** Import permission on a form, as roles name it. */
    public static final String IMPORT = "import";

    /** An import whose node has said nothing for this long has stopped (the node went down). */
    private static final Duration SILENT = Duration.ofMinutes(10);

    private final RecordService records;
    private final AccessPolicy access;
    private final FileStore files;
    private final ImportRepository runs;
    private final ImportProblemRepository problems;
    private final ImportRunner runner;
    private final ImportReverter reverter;
    private final Clock clock;

    ImportService(RecordService records, AccessPolicy access, FileStore files, ImportRepository runs,
                  ImportProblemRepository problems, ImportRunner runner, ImportReverter reverter, Clock clock) {
        this.records = records;
        this.access = access;
        this.files = files;
        this.runs = runs;
        this.problems = problems;
        this.runner = runner;
        this.reverter = reverter;
        this.clock = clock;
    }

    /** Whether the actor may import records of the form (for showing the button). */
    public boolean mayImport(String formKey, Actor actor) {
        return access.can(actor, records.form(formKey), IMPORT);
    }

    private Form requireImport(String formKey, Actor actor) {
        Form form = records.form(formKey);
        if (!access.can(actor, form, IMPORT)) {
            throw new ForbiddenException(formKey + " import");
        }
        return form;
    }

    private ImportLayout layout(Form form, Actor actor) {
        return ImportLayout.of(form, records.hiddenFields(form.key(), actor));
    }

    /** The template workbook for the form, in the actor's language. */
    public byte[] template(String formKey, Actor actor, Locale locale) {
        Form form = requireImport(formKey, actor);
        return new ImportTemplate(form, layout(form, actor), locale).bytes();
    }

    /** The fields an upsert may identify rows by: the unique ones a sheet can hold. */
    public List<Field> keyFields(String formKey, Actor actor) {
        Form form = records.form(formKey);
        return layout(form, actor).fields().stream().filter(Field::unique).toList();
    }

    /**
     * Queues an import of {@code content}; 400 (field errors on mode, key, file) when it cannot
     * start, 403 without the import permission. Returns the import's id.
     */
    public long start(String formKey, InputStream content, long size, String fileName, String mode, String key,
                      boolean dryRun, Actor actor, Locale locale) {
        Form form = requireImport(formKey, actor);
        List<FieldError> errors = new ArrayList<>();
        String chosenMode = mode == null || mode.isBlank() ? ImportRun.INSERT : mode.strip();
        if (!List.of(ImportRun.INSERT, ImportRun.UPSERT).contains(chosenMode)) {
            errors.add(new FieldError("mode", Texts.get(locale, "import.invalid.mode", chosenMode)));
        }
        String keyField = null;
        if (ImportRun.UPSERT.equals(chosenMode)) {
            List<Field> keys = keyFields(formKey, actor);
            keyField = key == null ? "" : key.strip();
            String wanted = keyField;
            if (keys.stream().noneMatch(f -> f.key().equals(wanted))) {
                errors.add(new FieldError("key", Texts.get(locale, "import.invalid.key", String.join("、",
                        keys.stream().map(f -> f.key() + " (" + f.label().in(locale) + ")").toList()))));
            }
        }
        if (content == null || size <= 0) {
            errors.add(new FieldError("file", Texts.get(locale, "import.invalid.noFile")));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        FileStore.StoredFile stored;
        try {
            stored = files.save(content, size, fileName, actor.realUsername())
                    .filter(f -> ".xlsx".equals(f.extension()))
                    .orElseThrow(() -> new ValidationException(List.of(new FieldError("file",
                            Texts.get(locale, "import.invalid.notXlsx")))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LocalDateTime now = now();
        ImportRun run = runs.save(new ImportRun(null, form.key(), chosenMode, keyField, dryRun, stored.id(),
                stored.name(), Texts.supported(locale).toLanguageTag(), ImportRun.QUEUED, 0, 0, 0, 0, 0, null,
                actor.realUsername(), now, now, null, null, null, 0, 0));
        runner.submit(run.id(), actor);
        return run.id();
    }

    /** Runs a checked (dry-run) import for real, from the same file with the same choices; returns the new import's id. */
    public long runChecked(long id, Actor actor) {
        ImportRun checked = find(id, actor);
        if (!checked.dryRun() || !ImportRun.DONE.equals(checked.status())) {
            throw new StateConflictException("import.invalid.run");
        }
        LocalDateTime now = now();
        ImportRun run = runs.save(new ImportRun(null, checked.formKey(), checked.mode(), checked.keyField(), false,
                checked.fileId(), checked.fileName(), checked.locale(), ImportRun.QUEUED, 0, 0, 0, 0, 0, null,
                actor.realUsername(), now, now, null, null, null, 0, 0));
        runner.submit(run.id(), actor);
        return run.id();
    }

    private ImportRun find(long id, Actor actor) {
        ImportRun run = runs.findById(id).orElseThrow(() -> new NotFoundException("import " + id));
        requireImport(run.formKey(), actor);
        return run;
    }

    /** The import's state and (the first {@code errorLimit} of) its errors. */
    public Map<String, Object> view(long id, Actor actor, int errorLimit) {
        ImportRun run = find(id, actor);
        Map<String, Object> view = summary(run);
        List<Map<String, Object>> errors = new ArrayList<>();
        for (ImportProblem p : problems.findFirst(id, errorLimit)) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("sheet", p.sheet());
            e.put("row", p.sheetRow());
            e.put("recordRow", p.recordRow());
            e.put("field", p.field());
            e.put("column", p.columnIndex());
            e.put("message", p.message());
            errors.add(e);
        }
        view.put("errors", errors);
        return view;
    }

    /** The form's latest imports, newest first. */
    public List<Map<String, Object>> history(String formKey, Actor actor, int limit) {
        requireImport(formKey, actor);
        return runs.findNewest(formKey, limit).stream().map(this::summary).toList();
    }

    private Map<String, Object> summary(ImportRun run) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", run.id());
        view.put("form", run.formKey());
        view.put("mode", run.mode());
        view.put("key", run.keyField());
        view.put("dryRun", run.dryRun());
        view.put("fileName", run.fileName());
        view.put("status", status(run));
        view.put("total", run.total());
        view.put("processed", run.processed());
        view.put("inserted", run.inserted());
        view.put("updated", run.updated());
        view.put("failed", run.failed());
        view.put("message", run.message());
        view.put("createdBy", run.createdBy());
        view.put("createdAt", run.createdAt().toString());
        view.put("finishedAt", run.finishedAt() == null ? null : run.finishedAt().toString());
        view.put("revertedBy", run.revertedBy());
        view.put("revertedAt", run.revertedAt() == null ? null : run.revertedAt().toString());
        view.put("reverted", run.reverted());
        view.put("kept", run.kept());
        return view;
    }

    private String status(ImportRun run) {
        boolean underWay = List.of(ImportRun.QUEUED, ImportRun.RUNNING, ImportRun.REVERTING).contains(run.status());
        if (underWay && run.heartbeatAt().plus(SILENT).isBefore(now())) {
            return "interrupted";
        }
        return run.status();
    }

    /** Writes the errors workbook of a finished import. */
    public void errorsWorkbook(long id, Actor actor, OutputStream out) throws IOException {
        ImportRun run = find(id, actor);
        Path upload = Files.createTempFile("formation-import-", ".xlsx");
        try (InputStream in = files.open(run.fileId())) {
            Files.copy(in, upload, StandardCopyOption.REPLACE_EXISTING);
            ErrorWorkbook.write(upload, records.form(run.formKey()), problems.findAll(id),
                    Locale.forLanguageTag(run.locale()), out);
        } catch (SheetRows.UnreadableException e) {
            throw new StateConflictException("import.failed.unreadable");
        } finally {
            Files.deleteIfExists(upload);
        }
    }

    /** Starts undoing a finished import (409 when it is not done, a dry run, or reverted already). */
    public Map<String, Object> revert(long id, Actor actor) {
        ImportRun run = find(id, actor);
        if (runs.startRevert(id, actor.realUsername(), now()) == 0) {
            throw new StateConflictException("import.invalid.revert");
        }
        reverter.submit(run, actor);
        return summary(runs.findById(id).orElse(run));
    }

    /**
     * The first {@code rows} rows of the import's main sheet as uploaded, each cell with the
     * problem found in it (for the page's preview): {@code header}, {@code rows} of
     * {@code {row, cells: [{text, problem}], problems}}.
     */
    public Map<String, Object> preview(long id, Actor actor, int rows) throws IOException {
        ImportRun run = find(id, actor);
        Map<Integer, Map<Integer, String>> marks = new java.util.HashMap<>();
        Map<Integer, List<String>> rowProblems = new java.util.HashMap<>();
        List<ImportProblem> found = problems.findFirst(id, 100_000);
        String mainSheet = null;
        Path upload = Files.createTempFile("formation-import-", ".xlsx");
        List<String> header = new ArrayList<>();
        List<Map<String, Object>> out = new ArrayList<>();
        try (InputStream in = files.open(run.fileId())) {
            Files.copy(in, upload, StandardCopyOption.REPLACE_EXISTING);
            try (dev.formation.sheet.WorkbookStream book = dev.formation.sheet.WorkbookStream.open(upload)) {
                mainSheet = book.sheetNames().get(0);
                for (ImportProblem p : found) {
                    if (p.recordRow() > 0 && p.recordRow() <= rows + 1) {
                        rowProblems.computeIfAbsent(p.recordRow(), k -> new ArrayList<>()).add(
                                p.sheet().equals(mainSheet) ? p.message() : p.sheet() + " " + p.sheetRow() + ": "
                                        + p.message());
                        if (p.sheet().equals(mainSheet) && p.columnIndex() != null) {
                            marks.computeIfAbsent(p.sheetRow(), k -> new java.util.HashMap<>())
                                    .merge(p.columnIndex(), p.message(), (a, b) -> a + "; " + b);
                        }
                    }
                }
                try {
                    book.rows(0, (row, cells) -> {
                        if (row == 1) {
                            header.addAll(cells);
                            return;
                        }
                        if (out.size() >= rows) {
                            throw new EnoughRows();
                        }
                        List<Map<String, Object>> shown = new ArrayList<>();
                        for (int c = 0; c < Math.max(cells.size(), header.size()); c++) {
                            Map<String, Object> cell = new LinkedHashMap<>();
                            cell.put("text", c < cells.size() && cells.get(c) != null ? cells.get(c) : "");
                            cell.put("problem", marks.getOrDefault(row, Map.of()).getOrDefault(c, ""));
                            shown.add(cell);
                        }
                        Map<String, Object> line = new LinkedHashMap<>();
                        line.put("row", row);
                        line.put("cells", shown);
                        line.put("problems", rowProblems.getOrDefault(row, List.of()));
                        out.add(line);
                    });
                } catch (EnoughRows enough) {
                    // the preview has its rows: the rest of the sheet is not read
                }
            }
        } catch (SheetRows.UnreadableException e) {
            return Map.of("header", List.of(), "rows", List.of());
        } finally {
            Files.deleteIfExists(upload);
        }
        Map<String, Object> preview = new LinkedHashMap<>();
        preview.put("header", header);
        preview.put("rows", out);
        return preview;
    }

    /** Stops reading a sheet once the preview has its rows. */
    private static final class EnoughRows extends RuntimeException {
        EnoughRows() {
            super(null, null, false, false);
        }
    }

    /** The import's form, for pages that link back to it. */
    public Optional<String> formOf(long id) {
        return runs.findById(id).map(ImportRun::formKey);
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS);
    }
}
