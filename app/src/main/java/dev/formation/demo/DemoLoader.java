package dev.formation.demo;

import dev.formation.core.Actor;
import dev.formation.core.ForbiddenException;
import dev.formation.core.ValidationException;
import dev.formation.form.Field;
import dev.formation.form.FieldType;
import dev.formation.form.Form;
import dev.formation.form.FormCatalog;
import dev.formation.i18n.Texts;
import dev.formation.lookup.CompanyLookups;
import dev.formation.metadata.MetadataDocument;
import dev.formation.metadata.MetadataException;
import dev.formation.metadata.MetadataSet;
import dev.formation.record.RecordService;
import dev.formation.security.Department;
import dev.formation.security.DepartmentRepository;
import dev.formation.security.PasswordHasher;
import dev.formation.security.UserAccount;
import dev.formation.security.UserRepository;
import dev.formation.store.RecordStore;
import dev.formation.store.Tx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Loads {@code metadata/demo/*.yaml} in their declared order. */
public final class DemoLoader {

    private static final Logger LOG = LoggerFactory.getLogger(DemoLoader.class);
    public static final String DEMO_PASSWORD = "demo123";

    private final MetadataSet metadata;
    private final List<String> administratorRoles;
    private final FormCatalog catalog;
    private final RecordService records;
    private final RecordStore store;
    private final Tx tx;
    private final UserRepository users;
    private final DepartmentRepository departments;
    private final PasswordHasher hasher;
    private final Map<String, Long> refs = new HashMap<>();
    private final dev.formation.flow.FlowStarter flows;
    private final Clock clock;
    private final CompanyLookups companyLookups;
    private final String shippedMetadataDir;

    /** A status a record reaches after the others were entered, or a flow action it goes through then. */
    private record Later(Form form, long id, String status, String action, Map<String, Object> body, Actor actor) {
    }

    private final List<Later> later = new ArrayList<>();

    public DemoLoader(MetadataSet metadata, FormCatalog catalog, RecordService records, RecordStore store, Tx tx,
                      UserRepository users, DepartmentRepository departments, PasswordHasher hasher,
                      dev.formation.flow.FlowStarter flows, List<String> administratorRoles, Clock clock,
                      CompanyLookups companyLookups, String shippedMetadataDir) {
        this.companyLookups = companyLookups;
        this.shippedMetadataDir = shippedMetadataDir;
        this.flows = flows;
        this.administratorRoles = List.copyOf(administratorRoles);
        this.clock = clock;
        this.metadata = metadata;
        this.catalog = catalog;
        this.records = records;
        this.store = store;
        this.tx = tx;
        this.users = users;
        this.departments = departments;
        this.hasher = hasher;
    }

    public void load() {
        List<MetadataDocument> docs = new ArrayList<>(metadata.all("demo"));
        docs.sort(Comparator.comparingInt(d -> ((Number) d.content().getOrDefault("order", 100)).intValue()));
        String hash = hasher.hash(DEMO_PASSWORD);
        for (MetadataDocument doc : docs) {
            loadOrg(doc, hash);
        }
        for (MetadataDocument doc : docs) {
            loadRecords(doc);
        }
        finishHistory();
        for (MetadataDocument doc : docs) {
            loadCompanyRegistry(doc);
        }
        LOG.info("Demo data loaded: {} records; demo users log in with password {}", refs.size(), DEMO_PASSWORD);
    }

    /**
     * A demo file may name a company registry beside it ({@code companyRegistry: file.csv}), loaded
     * as the administrator would load it, so the company lookup answers in the demo.
     */
    private void loadCompanyRegistry(MetadataDocument doc) {
        Object file = doc.content().get("companyRegistry");
        if (!(file instanceof String name)) {
            return;
        }
        byte[] content;
        try {
            if (shippedMetadataDir != null && !shippedMetadataDir.isBlank()) {
                content = Files.readAllBytes(Path.of(shippedMetadataDir, "demo", name));
            } else {
                try (InputStream in = DemoLoader.class.getClassLoader().getResourceAsStream("metadata/demo/" + name)) {
                    if (in == null) {
                        throw new MetadataException(doc.source(), "/companyRegistry", "no file demo/" + name);
                    }
                    content = in.readAllBytes();
                }
            }
        } catch (IOException e) {
            throw new MetadataException(doc.source(), "/companyRegistry", "cannot read demo/" + name + ": " + e.getMessage());
        }
        companyLookups.loadShipped(actor("admin"), name, content);
    }

    @SuppressWarnings("unchecked")
    private void loadOrg(MetadataDocument doc, String hash) {
        for (Map<String, Object> d : (List<Map<String, Object>>) doc.content().getOrDefault("departments", List.of())) {
            departments.save(new Department(null, (String) d.get("key"), (String) d.get("name"), (String) d.get("parent"),
                    (String) d.getOrDefault("kind", Department.DEPARTMENT), (String) d.get("leader")));
        }
        LocalDateTime now = LocalDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS);
        for (Map<String, Object> u : (List<Map<String, Object>>) doc.content().getOrDefault("users", List.of())) {
            List<String> roles = (List<String>) u.getOrDefault("roles", List.of());
            users.save(new UserAccount(null, (String) u.get("username"), (String) u.get("name"), (String) u.get("email"),
                    (String) u.get("department"), String.join(",", roles), hash, true, null, now,
                    (String) u.get("supervisor"), null, (String) u.get("mobile")));
        }
    }

    @SuppressWarnings("unchecked")
    private void loadRecords(MetadataDocument doc) {
        Map<String, Object> byForm = (Map<String, Object>) doc.content().getOrDefault("records", Map.of());
        Object anchor = doc.content().get("anchorDate");
        long shiftDays = anchor == null ? 0 : ChronoUnit.DAYS.between(LocalDate.parse((String) anchor), LocalDate.now(clock));
        Map<String, Actor> actors = new HashMap<>();
        for (Map.Entry<String, Object> entry : byForm.entrySet()) {
            Form form = catalog.form(entry.getKey()).orElseThrow(() -> new MetadataException(doc.source(),
                    "/records/" + entry.getKey(), "no form named '" + entry.getKey() + "'"));
            List<Map<String, Object>> list = (List<Map<String, Object>>) entry.getValue();
            for (int i = 0; i < list.size(); i++) {
                Map<String, Object> raw = new LinkedHashMap<>(list.get(i));
                String ref = (String) raw.remove("$ref");
                String as = (String) raw.getOrDefault("$as", "admin");
                raw.remove("$as");
                Object createdAgo = raw.remove("$createdAt");
                Object status = raw.remove("status");
                Object action = raw.remove("$action");
                Map<String, Object> values = resolve(form, raw, shiftDays);
                Actor actor = actors.computeIfAbsent(as, this::actor);
                Map<String, Object> saved;
                try {
                    saved = records.create(form.key(), values, actor, Texts.ZH_CN);
                } catch (ForbiddenException e) {
                    throw new MetadataException(doc.source(), "/records/" + form.key() + "/" + i,
                            "demo record refused: " + e.getMessage() + " " + e.errors());
                } catch (ValidationException e) {
                    throw new MetadataException(doc.source(), "/records/" + form.key() + "/" + i,
                            "demo record refused: " + e.errors());
                }
                long id = ((Number) saved.get("id")).longValue();
                LocalDateTime createdAt = createdAgo == null ? null : LocalDateTime.now(clock)
                        .minusDays(Long.parseLong(createdAgo.toString().replaceAll("[^0-9]", "")))
                        .truncatedTo(ChronoUnit.SECONDS);
                // Other demo records were entered while this one was in force: until they all are,
                // it has the status other forms may choose (a customer deactivated later was
                // active when its visits were made), and its own status after that.
                String initial = status != null && !form.selectableStatuses().isEmpty()
                        ? form.selectableStatuses().get(0) : (String) status;
                if (initial != null || createdAt != null) {
                    tx.write(c -> {
                        store.restamp(c, form, id, initial, createdAt);
                        return null;
                    });
                }
                if (status != null && !status.equals(initial)) {
                    later.add(new Later(form, id, (String) status, null, null, actor));
                }
                if (action instanceof Map<?, ?> a) {
                    // a flow action once all records are in, by its owner unless it names someone
                    String by = a.get("by") == null ? String.valueOf(saved.get("owner")) : String.valueOf(a.get("by"));
                    Map<String, Object> body = a.get("body") instanceof Map<?, ?> b ? (Map<String, Object>) b : Map.of();
                    later.add(new Later(form, id, null, String.valueOf(a.get("name")), body, ownActor(by)));
                }
                if (ref != null) {
                    refs.put(ref, id);
                }
            }
        }
    }

    /** Statuses reached later, then the demo's flow actions (approvals waiting, a release to the pool). */
    private void finishHistory() {
        for (Later l : later) {
            if (l.status() != null) {
                tx.write(c -> {
                    store.restamp(c, l.form(), l.id(), l.status(), null);
                    return null;
                });
            }
        }
        for (Later l : later) {
            if (l.action() != null) {
                flows.act(l.form().key(), l.id(), l.action(), l.body(), l.actor(), Texts.ZH_CN);
            }
        }
    }

    /** The user as they are, without the demo's administrator rights: a submitter acts as themselves. */
    private Actor ownActor(String username) {
        UserAccount user = users.findByUsername(username)
                .orElseThrow(() -> new IllegalStateException("demo record names unknown user " + username));
        return new Actor(user.username(), user.name(), user.department(), user.roleList());
    }

    private Actor actor(String username) {
        UserAccount user = users.findByUsername(username)
                .orElseThrow(() -> new IllegalStateException("demo record names unknown user " + username));
        // Demo records are trusted data written as if every approval had happened (management
        // fields filled, statuses set), so they are entered with the user's identity but
        // administrator rights; ownership and authorship still go to the named user.
        List<String> roles = new ArrayList<>(user.roleList());
        roles.addAll(administratorRoles);
        return new Actor(user.username(), user.name(), user.department(), roles);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> resolve(Form form, Map<String, Object> raw, long shiftDays) {
        Map<String, Object> out = new LinkedHashMap<>();
        raw.forEach((key, value) -> {
            Field field = form.field(key).orElse(null);
            if (field != null && field.isTable() && value instanceof List<?> rows) {
                List<Object> resolved = new ArrayList<>();
                for (Object row : rows) {
                    Map<String, Object> r = new LinkedHashMap<>();
                    ((Map<String, Object>) row).forEach((k, v) -> r.put(k, value(field.child(k), v, shiftDays)));
                    resolved.add(r);
                }
                out.put(key, resolved);
            } else {
                out.put(key, value(field, value, shiftDays));
            }
        });
        return out;
    }

    private Object value(Field field, Object value, long shiftDays) {
        if (value instanceof String s && s.startsWith("$ref:")) {
            Long id = refs.get(s.substring(5));
            if (id == null) {
                throw new IllegalStateException("demo reference to an unknown or later record: " + s);
            }
            return id;
        }
        if (field != null && value instanceof String s && shiftDays != 0) {
            if (field.valueType() == FieldType.DATE) {
                return LocalDate.parse(s).plusDays(shiftDays).toString();
            }
            if (field.valueType() == FieldType.DATETIME) {
                return LocalDateTime.parse(s.replace(' ', 'T')).plusDays(shiftDays).toString();
            }
        }
        return value;
    }
}
