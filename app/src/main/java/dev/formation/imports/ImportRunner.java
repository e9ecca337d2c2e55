package dev.formation.imports;

import dev.formation.core.Actor;
import dev.formation.core.FieldError;
import dev.formation.core.TenantScope;
import dev.formation.core.ValidationException;
import dev.formation.form.Field;
import dev.formation.form.Form;
import dev.formation.form.FormCatalog;
import dev.formation.i18n.Texts;
import dev.formation.metadata.MetadataHolder;
import dev.formation.record.RecordImports;
import dev.formation.record.RecordService;
import dev.formation.security.AuditBatch;
import dev.formation.security.Directory;
import dev.formation.sheet.SheetRows;
import dev.formation.sheet.WorkbookStream;
import dev.formation.store.FileStore;
import dev.formation.store.JsonMapConverter;
import dev.formation.store.Tx;
import io.micronaut.core.convert.ConversionContext;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.propagation.PropagatedContext;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs an import in the background: reads the sub-table sheets into memory by the main sheet's
 * row they belong to, then streams the main sheet in chunks. Each chunk is one transaction (a
 * commit per chunk, not per row, is what makes 100,000 rows take a minute rather than ten); each
 * row inside it is written behind a savepoint ({@link Tx#nested}), so a refused row leaves nothing
 * behind and the others go on. A dry run does the same in transactions that are rolled back, so
 * it finds every error a real run would (duplicates within the file included) and keeps nothing
 * but the errors.
 */
@Singleton
class ImportRunner {

    /** Rows per transaction: large enough that commits cost little, small enough that locks are short. */
    static final int CHUNK = 200;

    private static final Logger LOG = LoggerFactory.getLogger(ImportRunner.class);

    private final MetadataHolder metadata;
    private final RecordService records;
    private final RecordImports writes;
    private final Directory directory;
    private final FileStore files;
    private final Tx tx;
    private final ImportRepository runs;
    private final ImportProblemRepository problems;
    private final ImportedRecordRepository written;
    private final JsonMapConverter json;
    private final Clock clock;
    private final ExecutorService workers;
    /** Chunks written at once by one import: while one waits for the database, another is prepared and sent. */
    private final int writers;

    ImportRunner(MetadataHolder metadata, RecordService records, RecordImports writes, Directory directory,
                 FileStore files, Tx tx, ImportRepository runs, ImportProblemRepository problems,
                 ImportedRecordRepository written, JsonMapConverter json, Clock clock,
                 @Value("${formation.imports.writers:3}") int writers) {
        this.metadata = metadata;
        this.records = records;
        this.writes = writes;
        this.directory = directory;
        this.files = files;
        this.tx = tx;
        this.runs = runs;
        this.problems = problems;
        this.written = written;
        this.json = json;
        this.clock = clock;
        this.writers = Math.max(1, writers);
        AtomicInteger threads = new AtomicInteger();
        // two at a time: an import keeps a core busy, and the app must still answer its users
        this.workers = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "import-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
    }

    /** Runs the import {@code id} in the background, as {@code actor}, in the current tenant. */
    void submit(long id, Actor actor) {
        String tenant = TenantScope.current();
        workers.submit(() -> TenantScope.run(tenant, () -> AuditBatch.within("import:" + id, () -> {
            runGuarded(id, actor);
            return null;
        })));
    }

    private void runGuarded(long id, Actor actor) {
        ImportRun run = runs.findById(id).orElse(null);
        if (run == null) {
            return;
        }
        Locale locale = Locale.forLanguageTag(run.locale());
        try {
            new Job(run, actor, locale).run();
            runs.finish(id, ImportRun.DONE, null, now());
        } catch (Unreadable e) {
            runs.finish(id, ImportRun.FAILED, e.getMessage(), now());
        } catch (RuntimeException e) {
            LOG.error("import {} stopped", id, e);
            runs.finish(id, ImportRun.FAILED, Texts.get(locale, "import.failed.unexpected"), now());
        }
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS);
    }

    /** A file that cannot be imported at all: its message says why, in the import's language. */
    private static final class Unreadable extends RuntimeException {
        Unreadable(String message) {
            super(message);
        }
    }

    /** One run of one import. */
    private final class Job {
        private final ImportRun run;
        private final Actor actor;
        private final Locale locale;
        private final Form form;
        private final ImportLayout layout;
        private final CellReader reader;
        private final Map<String, SheetColumns> tableColumns = new LinkedHashMap<>();
        private final Map<String, Map<Integer, List<SourceRow>>> children = new HashMap<>();
        private SheetColumns mainColumns;
        private ImportProblems located;
        /**
         * unique field → its value as typed (lower case, as the database compares) → the first row
         * holding it; filled as rows are parsed, in file order, on the reading thread.
         */
        private final Map<String, Map<String, Integer>> firstRowOf = new HashMap<>();
        private final ExecutorService chunkWriters;
        private final Semaphore inFlight;
        private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
        private int total;
        private int processed;
        private int inserted;
        private int updated;
        private int failed;

        Job(ImportRun run, Actor actor, Locale locale) {
            this.run = run;
            this.actor = actor;
            this.locale = locale;
            this.form = records.form(run.formKey());
            this.layout = ImportLayout.of(form, records.hiddenFields(form.key(), actor));
            FormCatalog forms = metadata.current().get(FormCatalog.class);
            this.reader = new CellReader(forms, writes, directory.userNames(), directory.departmentNames(), locale);
            AtomicInteger threads = new AtomicInteger();
            this.chunkWriters = Executors.newFixedThreadPool(writers, r -> {
                Thread t = new Thread(r, "import-" + run.id() + "-writer-" + threads.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            this.inFlight = new Semaphore(writers * 2);
        }

        void run() {
            Path file = copyOfUpload();
            try (WorkbookStream book = WorkbookStream.open(file)) {
                readMainHeader(book);
                runs.progress(run.id(), ImportRun.RUNNING, total, 0, 0, 0, 0, now());
                readTables(book);
                List<SourceRow> chunk = new ArrayList<>(CHUNK);
                book.rows(0, (row, cells) -> {
                    if (row <= 1) {
                        return;
                    }
                    chunk.add(new SourceRow(row, cells));
                    if (chunk.size() == CHUNK) {
                        process(chunk);
                        chunk.clear();
                    }
                });
                process(chunk);
                awaitWriters();
                if (processed != total) {
                    // the count was of row elements, empty rows included: the rows read are the total
                    total = processed;
                    runs.progress(run.id(), ImportRun.RUNNING, total, processed, inserted, updated, failed, now());
                }
                reportOrphans();
            } catch (SheetRows.UnreadableException e) {
                throw new Unreadable(Texts.get(locale, "import.failed.unreadable"));
            } finally {
                chunkWriters.shutdownNow();
                delete(file);
            }
        }

        private Path copyOfUpload() {
            try (InputStream in = files.open(run.fileId())) {
                Path file = Files.createTempFile("formation-import-", ".xlsx");
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                return file;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The main sheet's header (its first row) and about how many rows follow it (for the progress). */
        private void readMainHeader(WorkbookStream book) throws SheetRows.UnreadableException {
            List<String> header = book.firstRow(0);
            if (header.isEmpty()) {
                throw new Unreadable(Texts.get(locale, "import.failed.noHeader", book.sheetNames().get(0)));
            }
            mainColumns = SheetColumns.read(book.sheetNames().get(0), header, layout.fields(), h -> false);
            if (!mainColumns.unknown().isEmpty()) {
                throw new Unreadable(Texts.get(locale, "import.failed.unknownColumns", mainColumns.sheet(),
                        String.join("、", mainColumns.unknown())));
            }
            if (mainColumns.isEmpty()) {
                throw new Unreadable(Texts.get(locale, "import.failed.noHeader", mainColumns.sheet()));
            }
            total = Math.max(0, book.rowElements(0) - 1);
            located = new ImportProblems(run.id(), mainColumns, tableColumns,
                    metadata.current().get(FormCatalog.class), locale);
        }

        /** Every sub-table sheet, by the main sheet's row its rows belong to; sheets of nothing importable are skipped. */
        private void readTables(WorkbookStream book) throws SheetRows.UnreadableException {
            List<String> names = book.sheetNames();
            List<ImportProblem> orphans = new ArrayList<>();
            for (int i = 1; i < names.size(); i++) {
                Field table = layout.table(names.get(i)).orElse(null);
                if (table == null || tableColumns.containsKey(table.key())) {
                    continue;
                }
                String sheet = names.get(i);
                Map<Integer, List<SourceRow>> byParent = new HashMap<>();
                book.rows(i, (row, cells) -> {
                    if (row == 1) {
                        SheetColumns columns = SheetColumns.read(sheet, cells, ImportLayout.importable(table.children()),
                                h -> ImportLayout.isParentRow(h, form));
                        if (columns.parentRowColumn() < 0) {
                            throw new Unreadable(Texts.get(locale, "import.failed.noParentRow", sheet,
                                    ImportLayout.parentRowHeader(form, locale)));
                        }
                        if (!columns.unknown().isEmpty()) {
                            throw new Unreadable(Texts.get(locale, "import.failed.unknownColumns", sheet,
                                    String.join("、", columns.unknown())));
                        }
                        tableColumns.put(table.key(), columns);
                        return;
                    }
                    SheetColumns columns = tableColumns.get(table.key());
                    String parent = columns.parentRowColumn() < cells.size() ? cells.get(columns.parentRowColumn()) : null;
                    Integer parentRow = rowNumber(parent);
                    if (parentRow == null) {
                        orphans.add(new ImportProblem(null, run.id(), sheet, row, 0, null, columns.parentRowColumn(),
                                Texts.get(locale, "import.error.parentRow", Objects.toString(parent, ""),
                                        mainColumns.sheet())));
                    } else {
                        byParent.computeIfAbsent(parentRow, k -> new ArrayList<>()).add(new SourceRow(row, cells));
                    }
                });
                children.put(table.key(), byParent);
            }
            if (!orphans.isEmpty()) {
                problems.saveAll(orphans);
            }
        }

        private static Integer rowNumber(String text) {
            if (text == null) {
                return null;
            }
            String t = text.strip();
            if (t.endsWith(".0")) {
                t = t.substring(0, t.length() - 2);
            }
            return t.matches("\\d{1,7}") && Integer.parseInt(t) > 1 ? Integer.parseInt(t) : null;
        }

        /** Sub-table rows that name a main-sheet row holding no record. */
        private void reportOrphans() {
            List<ImportProblem> orphans = new ArrayList<>();
            children.forEach((table, byParent) -> byParent.forEach((parentRow, rows) -> rows.forEach(row ->
                    orphans.add(new ImportProblem(null, run.id(), tableColumns.get(table).sheet(), row.row(), 0, null,
                            tableColumns.get(table).parentRowColumn(), Texts.get(locale, "import.error.parentRow",
                            String.valueOf(parentRow), mainColumns.sheet()))))));
            if (!orphans.isEmpty()) {
                problems.saveAll(orphans);
            }
        }

        /** Parses the chunk here (the reader is not shared) and hands its writing to a writer thread. */
        private void process(List<SourceRow> chunk) {
            throwIfFailed();
            if (chunk.isEmpty()) {
                return;
            }
            List<RowInput> inputs = chunk.stream().map(this::parse).toList();
            try {
                inFlight.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("import interrupted", e);
            }
            // the writer works in this scope: the tenant, and the batch its audit entries name
            chunkWriters.submit(PropagatedContext.getOrEmpty().wrap(() -> {
                try {
                    Chunk done = run.dryRun() ? tx.rehearse(c -> write(inputs)) : tx.write(c -> write(inputs));
                    if (!done.problems.isEmpty()) {
                        problems.saveAll(done.problems);
                    }
                    counted(inputs.size(), done);
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                } finally {
                    inFlight.release();
                }
            }));
        }

        private synchronized void counted(int rows, Chunk done) {
            processed += rows;
            inserted += done.inserted;
            updated += done.updated;
            failed += done.failed;
            runs.progress(run.id(), ImportRun.RUNNING, total, processed, inserted, updated, failed, now());
        }

        private void awaitWriters() {
            chunkWriters.shutdown();
            try {
                if (!chunkWriters.awaitTermination(1, TimeUnit.DAYS)) {
                    throw new IllegalStateException("import writers did not finish");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("import interrupted", e);
            }
            throwIfFailed();
        }

        private void throwIfFailed() {
            RuntimeException e = failure.get();
            if (e != null) {
                throw e;
            }
        }

        private RowInput parse(SourceRow row) {
            List<FieldError> errors = new ArrayList<>();
            Map<String, Object> input = new LinkedHashMap<>();
            mainColumns.cells(row.cells()).forEach((field, text) -> {
                Object value = reader.read(field, text, field.key(), errors);
                if (value != null) {
                    input.put(field.key(), value);
                }
                Integer first = text == null || !field.unique() ? null : firstRowOf
                        .computeIfAbsent(field.key(), k -> new HashMap<>())
                        .putIfAbsent(text.strip().toLowerCase(Locale.ROOT), row.row());
                if (first != null) {
                    // decided here, in file order, not by which chunk's writer happens to commit first
                    errors.add(new FieldError(field.key(), Texts.get(locale, "import.error.duplicateInFile",
                            field.label().in(locale), text.strip(), first)));
                }
            });
            Map<String, List<SourceRow>> childRows = new HashMap<>();
            tableColumns.forEach((tableKey, columns) -> {
                List<SourceRow> rows = children.get(tableKey).remove(row.row());
                if (rows == null) {
                    return;
                }
                List<Map<String, Object>> entries = new ArrayList<>();
                for (int i = 0; i < rows.size(); i++) {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    String prefix = tableKey + "[" + i + "].";
                    columns.cells(rows.get(i).cells()).forEach((child, text) -> {
                        Object value = reader.read(child, text, prefix + child.key(), errors);
                        if (value != null) {
                            entry.put(child.key(), value);
                        }
                    });
                    entries.add(entry);
                }
                input.put(tableKey, entries);
                childRows.put(tableKey, rows);
            });
            return new RowInput(row, input, errors, childRows);
        }

        /** The chunk's rows in the caller's transaction, each behind its savepoint. */
        private Chunk write(List<RowInput> inputs) {
            Chunk chunk = new Chunk();
            Map<String, List<Long>> existing = existing(inputs);
            for (RowInput in : inputs) {
                if (!in.errors().isEmpty()) {
                    chunk.refuse(located.of(in, in.errors()));
                    continue;
                }
                try {
                    RecordImports.Written w = tx.nested(c -> writeOne(in, existing));
                    if (w.inserted()) {
                        chunk.inserted++;
                    } else if (!w.before().isEmpty()) {
                        chunk.updated++;
                    }
                    if (w.inserted() || !w.before().isEmpty()) {
                        chunk.written.add(new ImportedRecord(null, run.id(), w.id(), in.source().row(),
                                w.inserted() ? "insert" : "update", w.versionAfter(),
                                w.before() == null ? null : json.convertToPersistedValue(w.before(),
                                        ConversionContext.DEFAULT), null));
                    }
                } catch (ValidationException e) {
                    chunk.refuse(located.of(in, e.errors()));
                } catch (RuntimeException e) {
                    if (Tx.isDeadlockVictim(e)) {
                        throw e; // the database rolled back the whole chunk: the transaction runs it again
                    }
                    chunk.refuse(List.of(located.of(in, e)));
                }
            }
            if (!run.dryRun() && !chunk.written.isEmpty()) {
                written.saveAll(chunk.written);
            }
            return chunk;
        }

        /** For an upsert, the live records holding the chunk's keys. */
        private Map<String, List<Long>> existing(List<RowInput> inputs) {
            if (!ImportRun.UPSERT.equals(run.mode())) {
                return Map.of();
            }
            List<Object> keys = inputs.stream().filter(in -> in.errors().isEmpty())
                    .map(in -> in.input().get(run.keyField())).filter(Objects::nonNull).distinct().toList();
            return writes.idsHolding(form, run.keyField(), keys);
        }

        private RecordImports.Written writeOne(RowInput in, Map<String, List<Long>> existing) {
            Object key = ImportRun.UPSERT.equals(run.mode()) ? in.input().get(run.keyField()) : null;
            List<Long> ids = key == null ? List.of() : existing.getOrDefault(String.valueOf(key), List.of());
            if (ids.size() > 1) {
                throw new ValidationException(List.of(new FieldError(run.keyField(),
                        Texts.get(locale, "import.error.keyAmbiguous", String.valueOf(key), ids.size()))));
            }
            if (ids.size() == 1) {
                return writes.update(form, ids.get(0), in.input(), actor, locale);
            }
            return writes.insert(form, in.input(), actor, locale);
        }
    }

    /** What one chunk did. */
    private static final class Chunk {
        final List<ImportProblem> problems = new ArrayList<>();
        final List<ImportedRecord> written = new ArrayList<>();
        int inserted;
        int updated;
        int failed;

        void refuse(List<ImportProblem> found) {
            problems.addAll(found);
            failed++;
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            file.toFile().deleteOnExit();
        }
    }
}
