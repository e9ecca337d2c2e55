package dev.formation.demo;

import dev.formation.config.FormationSettings;
import dev.formation.form.FormCatalog;
import dev.formation.metadata.MetadataHolder;
import dev.formation.metadata.MetadataSnapshot;
import dev.formation.record.FileLinksBackfill;
import dev.formation.record.RecordService;
import dev.formation.record.Rollups;
import dev.formation.security.DepartmentRepository;
import dev.formation.security.PasswordHasher;
import dev.formation.lookup.CompanyLookups;
import dev.formation.security.RoleCatalog;
import dev.formation.security.UserAccount;
import dev.formation.security.UserRepository;
import dev.formation.store.Database;
import dev.formation.store.DirectConnections;
import dev.formation.store.MetadataVersions;
import dev.formation.store.RecordStore;
import dev.formation.store.SchemaSync;
import dev.formation.store.Tx;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;

/**
 * What happens once the context is up and before the server takes requests: schema sync,
 * a record of the metadata versions now in force, and the first users (the demo on an empty
 * embedded database, otherwise one administrator).
 */
@Singleton
public class EngineStartup {

    private static final Logger LOG = LoggerFactory.getLogger(EngineStartup.class);

    private final DirectConnections connections;
    private final FormationSettings settings;
    private final MetadataHolder metadata;
    private final RecordService records;
    private final RecordStore store;
    private final Tx tx;
    private final UserRepository users;
    private final DepartmentRepository departments;
    private final PasswordHasher hasher;
    private final MetadataVersions versions;
    private final dev.formation.flow.FlowStarter flows;
    private final FileLinksBackfill fileLinks;
    private final Rollups rollups;

    private final Clock clock;
    private final CompanyLookups companyLookups;

    public EngineStartup(DirectConnections connections, FormationSettings settings, MetadataHolder metadata,
                         RecordService records, RecordStore store, Tx tx, UserRepository users,
                         DepartmentRepository departments, PasswordHasher hasher, MetadataVersions versions,
                         dev.formation.flow.FlowStarter flows, FileLinksBackfill fileLinks, Rollups rollups,
                         Clock clock, CompanyLookups companyLookups) {
        this.companyLookups = companyLookups;
        this.rollups = rollups;
        this.clock = clock;
        this.flows = flows;
        this.fileLinks = fileLinks;
        this.connections = connections;
        this.settings = settings;
        this.metadata = metadata;
        this.records = records;
        this.store = store;
        this.tx = tx;
        this.users = users;
        this.departments = departments;
        this.hasher = hasher;
        this.versions = versions;
    }

    @EventListener
    public void onStartup(StartupEvent event) {
        MetadataSnapshot snapshot = metadata.current();
        FormCatalog catalog = snapshot.get(FormCatalog.class);
        new SchemaSync(connections).sync(catalog);
        versions.record(snapshot.set());
        fileLinks.run();
        if (users.count() > 0) {
            return;
        }
        boolean demo = switch (settings.getDemoData()) {
            case "true" -> true;
            case "false" -> false;
            default -> isEmbedded();
        };
        if (demo) {
            new DemoLoader(snapshot.set(), catalog, records, store, tx, users, departments, hasher, flows,
                    snapshot.get(RoleCatalog.class).administratorRoles(), clock, companyLookups,
                    settings.getShippedMetadataDir()).load();
            // the demo stamps statuses past the write path, which the rollups' filters read
            tx.write(c -> rollups.rebuild(c, catalog, null));
        } else {
            createFirstAdmin();
        }
    }

    private boolean isEmbedded() {
        try (Connection c = connections.open()) {
            return Database.of(c) == Database.H2;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the database: " + e.getMessage(), e);
        }
    }

    /** The first user may do everything: it holds every role the metadata marks {@code admin: true}. */
    private String administratorRoles() {
        List<String> admin = metadata.current().get(RoleCatalog.class).administratorRoles();
        if (admin.isEmpty()) {
            throw new IllegalStateException("no role has admin: true, so the first user could do nothing");
        }
        return String.join(",", admin);
    }

    private void createFirstAdmin() {
        String password = settings.getAdminPassword();
        boolean generated = password.isBlank();
        if (generated) {
            byte[] bytes = new byte[12];
            new SecureRandom().nextBytes(bytes);
            password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        }
        users.save(new UserAccount(null, "admin", "Administrator", null, null, administratorRoles(),
                hasher.hash(password), true, null, LocalDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS), null, null, null));
        if (generated) {
            LOG.warn("Created the first user 'admin' with the one-time password {} - change it after logging in",
                    password);
        } else {
            LOG.info("Created the first user 'admin' with the password from formation.admin-password (FORMATION_ADMIN_PASSWORD)");
        }
    }
}
