package dev.formation.record;

import dev.formation.core.Actor;
import dev.formation.core.FieldError;
import dev.formation.core.ValidationException;
import dev.formation.form.Field;
import dev.formation.form.Form;
import dev.formation.plugin.PluginRegistry;
import dev.formation.plugin.api.RecordChange;
import dev.formation.plugin.api.RecordHook;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Every hook on record writes in one place: the engine's own ({@link EngineRecordHook}, with the
 * fields read-only in a record's state) and the plugins' ({@link RecordHook}). The write
 * pipeline calls it at each point, and pages ask it what a write would be refused.
 */
@Singleton
public class RecordHooks {

    private final List<EngineRecordHook> engine;
    private final List<RecordHook> plugins;
    private final Clock clock;

    public RecordHooks(List<EngineRecordHook> engine, PluginRegistry plugins, Clock clock) {
        this.engine = List.copyOf(engine);
        this.plugins = plugins.recordHooks();
        this.clock = clock;
    }

    /**
     * What the actor may not change directly on the stored record: fields read-only in its state
     * ({@code readOnlyWhen}) and what every engine hook says (a record under approval,
     * change-request fields). The update enforces exactly this, and pages ask it.
     */
    EditLimits limits(Form form, Map<String, Object> stored, Actor actor) {
        Map<String, Object> vars = ExpressionVariables.of(form, stored, actor);
        Map<String, EditLimits.Reason> readOnly = new LinkedHashMap<>();
        for (Field field : form.fields()) {
            if (field.readOnlyWhen() != null && field.readOnlyWhen().test(vars, clock)) {
                readOnly.put(field.key(), EditLimits.Reason.of("validation.readOnly", field.label()));
            }
        }
        EditLimits out = EditLimits.fields(readOnly);
        for (EngineRecordHook hook : engine) {
            out = out.and(hook.limits(form, stored, actor));
        }
        return out;
    }

    /** The first engine hook's reason not to delete the record now, if one has one. */
    Optional<EditLimits.Reason> deleteRefusal(Form form, Map<String, Object> stored, Actor actor) {
        for (EngineRecordHook hook : engine) {
            Optional<EditLimits.Reason> why = hook.deleteRefusal(form, stored, actor);
            if (why.isPresent()) {
                return why;
            }
        }
        return Optional.empty();
    }

    /** Asks every plugin hook; their vetoes refuse the write as field errors in the user's language. */
    void before(RecordChange change, Locale locale) {
        List<FieldError> errors = new ArrayList<>();
        for (RecordHook hook : plugins) {
            hook.before(change).forEach(veto -> errors.add(new FieldError(veto.field(), veto.message().in(locale))));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }

    void after(RecordChange change) {
        plugins.forEach(hook -> hook.after(change));
    }
}
