package dev.formation.lookup;

import dev.formation.core.Actor;
import dev.formation.core.FieldError;
import dev.formation.core.ForbiddenException;
import dev.formation.core.RowError;
import dev.formation.core.RowsRefusedException;
import dev.formation.core.TenantScope;
import dev.formation.core.ValidationException;
import dev.formation.i18n.Texts;
import dev.formation.plugin.api.CompanyCandidate;
import dev.formation.plugin.api.CompanyLookup;
import dev.formation.plugin.api.CompanyLookupFactory;
import dev.formation.plugin.api.CompanyRegistryException;
import dev.formation.security.AccessPolicy;
import dev.formation.security.AuditTrail;
import dev.formation.store.Tx;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The company lookup of each tenant: its administrator loads a registry file, which a plugin's
 * {@link CompanyLookupFactory} checks as a whole (a bad file is refused with every problem and
 * the previous one keeps serving) and the tenant's database keeps; a search reads which file is
 * the newest (one small query, so a load on one node counts on every node at once) and asks the
 * lookup read from it, which this node keeps until a newer file is loaded.
 */
@Singleton
public class CompanyLookups {

    private static final Logger LOG = LoggerFactory.getLogger(CompanyLookups.class);
    public static final int MAX_CANDIDATES = 20;

    /** A tenant's lookup, read from the file with this checksum. */
    private record Loaded(String checksum, CompanyLookup lookup) {
    }

    private final List<CompanyLookupFactory> factories = new ArrayList<>();
    private final Map<String, Loaded> byTenant = new ConcurrentHashMap<>();
    private final CompanyRegistryRepository registries;
    private final AccessPolicy access;
    private final AuditTrail audit;
    private final Tx tx;
    private final Clock clock;

    public CompanyLookups(CompanyRegistryRepository registries, AccessPolicy access, AuditTrail audit, Tx tx,
                          Clock clock) {
        this.registries = registries;
        this.access = access;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
        ServiceLoader.load(CompanyLookupFactory.class).forEach(factories::add);
        LOG.info("Company lookups from plugins: {}", factories.stream().map(CompanyLookupFactory::id).toList());
    }

    /** The candidates for what the user typed; none while no registry is loaded. */
    public List<CompanyCandidate> search(String query, int limit) {
        String q = query == null ? "" : query.strip();
        if (q.isEmpty()) {
            return List.of();
        }
        return current().map(l -> l.search(q, Math.min(Math.max(limit, 1), MAX_CANDIDATES))).orElse(List.of());
    }

    /** What is loaded: {@code loaded}, and the file's name, companies, who loaded it and when. */
    public Map<String, Object> status(Actor actor) {
        requireAdmin(actor);
        Map<String, Object> out = new LinkedHashMap<>();
        Optional<CompanyRegistryRepository.Summary> newest = registries.findNewest();
        out.put("loaded", newest.isPresent());
        newest.ifPresent(s -> {
            out.put("fileName", s.fileName());
            out.put("companies", s.companies());
            out.put("loadedBy", s.loadedBy());
            out.put("loadedAt", s.loadedAt().toString());
        });
        return out;
    }

    /** What the files the plugins read hold, in the user's language, for the page that loads one. */
    public List<String> fileFormats(Locale locale) {
        return factories.stream().map(f -> f.fileFormat().in(locale)).toList();
    }

    /**
     * Loads a registry file for the tenant: checked whole, then stored and audited; it answers
     * the next search on every node.
     *
     * @throws RowsRefusedException naming each bad row and column when the file is refused
     */
    public Map<String, Object> load(Actor actor, String fileName, byte[] content, Locale locale) {
        requireAdmin(actor);
        String name = fileName == null || fileName.isBlank() ? "registry" : fileName.strip();
        CompanyLookupFactory factory = factories.stream().filter(f -> f.reads(name)).findFirst()
                .orElseThrow(() -> new ValidationException(List.of(new FieldError("file",
                        Texts.get(locale, "lookup.registry.format", name)))));
        CompanyLookup lookup;
        try {
            lookup = factory.read(name, content);
        } catch (CompanyRegistryException e) {
            throw new RowsRefusedException(e.problems().stream()
                    .map(p -> new RowError(p.row(), p.column(), p.message().in(locale))).toList());
        }
        store(actor, name, content, lookup);
        return status(actor);
    }

    /**
     * Loads a file the installation ships (the demo's registry) as {@code actor}, without the
     * administrator check that guards uploads.
     */
    public void loadShipped(Actor actor, String fileName, byte[] content) {
        CompanyLookupFactory factory = factories.stream().filter(f -> f.reads(fileName)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no company lookup plugin reads " + fileName));
        try {
            store(actor, fileName, content, factory.read(fileName, content));
        } catch (CompanyRegistryException e) {
            throw new IllegalStateException("the shipped company registry " + fileName + " does not read: "
                    + e.problems(), e);
        }
    }

    private void store(Actor actor, String name, byte[] content, CompanyLookup lookup) {
        String checksum = sha256(content);
        LocalDateTime now = LocalDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS);
        tx.write(c -> {
            registries.save(new CompanyRegistry(null, name, content, checksum, lookup.size(), actor.realUsername(), now));
            Map<String, Object> changes = new LinkedHashMap<>();
            changes.put("subject", Arrays.asList(name, name));
            changes.put("companies", Arrays.asList(null, lookup.size()));
            audit.record(actor, "load_company_registry", null, null, changes, now);
            return null;
        });
        byTenant.put(TenantScope.current(), new Loaded(checksum, lookup));
    }

    private Optional<CompanyLookup> current() {
        Optional<CompanyRegistryRepository.Summary> newest = registries.findNewest();
        if (newest.isEmpty()) {
            return Optional.empty();
        }
        String tenant = TenantScope.current();
        Loaded loaded = byTenant.get(tenant);
        if (loaded != null && loaded.checksum().equals(newest.get().checksum())) {
            return Optional.of(loaded.lookup());
        }
        return registries.findById(newest.get().id()).flatMap(file -> read(tenant, file));
    }

    private Optional<CompanyLookup> read(String tenant, CompanyRegistry file) {
        for (CompanyLookupFactory factory : factories) {
            if (factory.reads(file.fileName())) {
                try {
                    CompanyLookup lookup = factory.read(file.fileName(), file.content());
                    byTenant.put(tenant, new Loaded(file.checksum(), lookup));
                    return Optional.of(lookup);
                } catch (CompanyRegistryException e) {
                    // it was checked when loaded: only a plugin that changed its rules since refuses it
                    LOG.warn("The company registry {} of tenant {} no longer reads: {}", file.fileName(), tenant,
                            e.getMessage());
                    return Optional.empty();
                }
            }
        }
        LOG.warn("No plugin reads the company registry {} of tenant {}", file.fileName(), tenant);
        return Optional.empty();
    }

    private void requireAdmin(Actor actor) {
        if (!access.isAdmin(actor)) {
            throw new ForbiddenException("administration");
        }
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
