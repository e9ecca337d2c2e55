package dev.formation.imports;

import dev.formation.core.ConflictException;
import dev.formation.core.FieldError;
import dev.formation.core.ForbiddenException;
import dev.formation.core.NotFoundException;
import dev.formation.core.StateConflictException;
import dev.formation.form.FormCatalog;
import dev.formation.i18n.Texts;
import dev.formation.record.InUseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Places each refusal of a row where the person will look for it: a field error on the cell of
 * its column (a sub-table's on that sheet's row), anything else (no permission, under approval,
 * in use) on the row as a whole, in the import's language.
 */
final class ImportProblems {

    private static final Logger LOG = LoggerFactory.getLogger(ImportProblems.class);
    private static final Pattern CHILD_PATH = Pattern.compile("^([a-z][a-z0-9_]*)\\[(\\d+)]\\.([a-z][a-z0-9_]*)$");

    private final long importId;
    private final SheetColumns main;
    private final Map<String, SheetColumns> tables;
    private final FormCatalog forms;
    private final Locale locale;

    ImportProblems(long importId, SheetColumns main, Map<String, SheetColumns> tables, FormCatalog forms,
                   Locale locale) {
        this.importId = importId;
        this.main = main;
        this.tables = tables;
        this.forms = forms;
        this.locale = locale;
    }

    List<ImportProblem> of(RowInput row, List<FieldError> errors) {
        List<ImportProblem> out = new ArrayList<>();
        for (FieldError error : errors) {
            Matcher child = CHILD_PATH.matcher(error.field() == null ? "" : error.field());
            if (child.matches() && tables.containsKey(child.group(1))) {
                List<SourceRow> sources = row.childRows().getOrDefault(child.group(1), List.of());
                int index = Integer.parseInt(child.group(2));
                if (index < sources.size()) {
                    SheetColumns sheet = tables.get(child.group(1));
                    out.add(new ImportProblem(null, importId, sheet.sheet(), sources.get(index).row(),
                            row.source().row(), error.field(), sheet.columnOf(child.group(3)), error.message()));
                    continue;
                }
            }
            String field = error.field() == null || error.field().isEmpty() ? null : error.field();
            out.add(new ImportProblem(null, importId, main.sheet(), row.source().row(), row.source().row(), field,
                    field == null ? null : main.columnOf(field), error.message()));
        }
        return out;
    }

    /** A row the record service refused other than field by field. */
    ImportProblem of(RowInput row, RuntimeException refusal) {
        return new ImportProblem(null, importId, main.sheet(), row.source().row(), row.source().row(), null, null,
                message(refusal));
    }

    String message(RuntimeException refusal) {
        if (refusal instanceof ForbiddenException) {
            return Texts.get(locale, "import.error.forbidden");
        }
        if (refusal instanceof NotFoundException) {
            return Texts.get(locale, "import.error.notFound");
        }
        if (refusal instanceof ConflictException) {
            return Texts.get(locale, "import.error.conflict");
        }
        if (refusal instanceof StateConflictException state) {
            return Texts.get(locale, state.textKey(), state.args());
        }
        if (refusal instanceof InUseException inUse) {
            return inUse.message(forms, locale);
        }
        LOG.warn("import {}: a row failed unexpectedly", importId, refusal);
        return Texts.get(locale, "import.error.unexpected");
    }
}
