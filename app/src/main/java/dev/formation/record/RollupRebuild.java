package dev.formation.record;

import dev.formation.core.Actor;
import dev.formation.core.ForbiddenException;
import dev.formation.core.NotFoundException;
import dev.formation.form.FormCatalog;
import dev.formation.metadata.MetadataHolder;
import dev.formation.security.AccessPolicy;
import dev.formation.security.AuditTrail;
import dev.formation.store.Tx;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The administrator's command that recomputes rollup fields from the data as it is: after a
 * bulk load that bypassed the write path, or to prove the live values right. One transaction
 * per call, in the caller's tenant; audited.
 */
@Singleton
public class RollupRebuild {

    private final MetadataHolder metadata;
    private final Rollups rollups;
    private final AccessPolicy access;
    private final AuditTrail audit;
    private final Tx tx;
    private final Clock clock;

    public RollupRebuild(MetadataHolder metadata, Rollups rollups, AccessPolicy access, AuditTrail audit, Tx tx,
                         Clock clock) {
        this.metadata = metadata;
        this.rollups = rollups;
        this.access = access;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * @param formKey one form, or null for every form with rollup fields
     * @return form key → rows written
     */
    public Map<String, Object> rebuild(Actor actor, String formKey) {
        if (!access.isAdmin(actor)) {
            throw new ForbiddenException("administration");
        }
        FormCatalog catalog = metadata.current().get(FormCatalog.class);
        if (formKey != null && catalog.form(formKey).isEmpty()) {
            throw NotFoundException.form(formKey);
        }
        LocalDateTime now = LocalDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS);
        Map<String, Integer> rows = tx.write(c -> {
            Map<String, Integer> out = rollups.rebuild(c, catalog, formKey);
            // an audit change is a [before, after] pair: here the rows each form's rebuild wrote
            Map<String, Object> changes = new LinkedHashMap<>();
            out.forEach((form, n) -> changes.put(form, java.util.Arrays.asList(null, n)));
            audit.record(actor, "rollup_rebuild", formKey, null, changes, now);
            return out;
        });
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("forms", rows);
        return body;
    }
}
