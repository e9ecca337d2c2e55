package dev.formation.imports;

import dev.formation.core.Actor;
import dev.formation.core.TenantScope;
import dev.formation.form.Form;
import dev.formation.record.RecordImports;
import dev.formation.record.RecordService;
import dev.formation.security.AuditBatch;
import dev.formation.store.JsonMapConverter;
import dev.formation.store.Tx;
import io.micronaut.core.convert.ConversionContext;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Undoes an import in the background: removes the records it inserted and puts back the values it
 * changed, each only while nobody has changed the record since (those are kept and named, their
 * outcome on the import's record list). In chunks, each record behind its own savepoint like the
 * import itself; audited as part of the import's batch.
 */
@Singleton
class ImportReverter {

    private static final Logger LOG = LoggerFactory.getLogger(ImportReverter.class);

    private final RecordService records;
    private final RecordImports writes;
    private final Tx tx;
    private final ImportRepository runs;
    private final ImportedRecordRepository written;
    private final JsonMapConverter json;
    private final Clock clock;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "import-revert");
        t.setDaemon(true);
        return t;
    });

    ImportReverter(RecordService records, RecordImports writes, Tx tx, ImportRepository runs,
                   ImportedRecordRepository written, JsonMapConverter json, Clock clock) {
        this.records = records;
        this.writes = writes;
        this.tx = tx;
        this.runs = runs;
        this.written = written;
        this.json = json;
        this.clock = clock;
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }

    void submit(ImportRun run, Actor actor) {
        String tenant = TenantScope.current();
        worker.submit(() -> TenantScope.run(tenant, () -> AuditBatch.within("import:" + run.id(), () -> {
            try {
                revert(run, actor);
            } catch (RuntimeException e) {
                LOG.error("revert of import {} stopped", run.id(), e);
                runs.finish(run.id(), ImportRun.DONE, e.getClass().getSimpleName(), now());
            }
            return null;
        })));
    }

    private void revert(ImportRun run, Actor actor) {
        Form form = records.form(run.formKey());
        Locale locale = Locale.forLanguageTag(run.locale());
        int[] counts = {0, 0};
        long after = 0;
        while (true) {
            List<ImportedRecord> page = written.findPage(run.id(), after, ImportRunner.CHUNK);
            if (page.isEmpty()) {
                break;
            }
            after = page.get(page.size() - 1).id();
            List<String[]> outcomes = tx.write(c -> {
                List<String[]> out = new ArrayList<>();
                for (ImportedRecord r : page) {
                    String outcome;
                    try {
                        Optional<RecordImports.Kept> kept = tx.nested(n -> "insert".equals(r.action())
                                ? writes.removeInserted(form, r.recordId(), r.versionAfter(), actor, locale)
                                : writes.restoreChanged(form, r.recordId(), r.versionAfter(),
                                json.convertToEntityValue(r.beforeValues(), ConversionContext.DEFAULT), actor, locale));
                        outcome = kept.map(k -> "kept_" + k.name().toLowerCase(Locale.ROOT))
                                .orElse("insert".equals(r.action()) ? "removed" : "restored");
                    } catch (RuntimeException e) {
                        if (Tx.isDeadlockVictim(e)) {
                            throw e;
                        }
                        LOG.info("import {}: record {} kept on revert: {}", run.id(), r.recordId(), e.toString());
                        outcome = "kept_refused";
                    }
                    written.outcome(r.id(), outcome);
                    out.add(new String[]{String.valueOf(r.id()), outcome});
                }
                return out;
            });
            for (String[] o : outcomes) {
                counts[o[1].startsWith("kept") ? 1 : 0]++;
            }
            runs.revertProgress(run.id(), ImportRun.REVERTING, counts[0], counts[1], now());
        }
        runs.revertProgress(run.id(), ImportRun.REVERTED, counts[0], counts[1], now());
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS);
    }
}
