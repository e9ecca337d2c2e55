package dev.formation.testing;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The real application, started in this JVM on a random port against a given database, with
 * a real HTTP client pointed at it. Nothing of the app is replaced: the properties below are
 * the ones the launcher and an operator would set.
 */
public final class FormationApp implements AutoCloseable {

    /** What {@code Application.main} would otherwise generate into the data folder. */
    public static final String JWT_SECRET = "formation-test-secret-0123456789-abcdefghijklmnop";

    private final EmbeddedServer server;
    private final Api api;

    private FormationApp(EmbeddedServer server) {
        this.server = server;
        this.api = new Api(server.getURL());
    }

    /** The properties of a test start: random port, the given database and data folder, demo data on. */
    public static Map<String, Object> properties(TestDatabase db, Path dataDir) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("micronaut.server.port", -1);
        p.put("micronaut.security.token.jwt.signatures.secret.generator.secret", JWT_SECRET);
        p.put("formation.data-dir", dataDir.toAbsolutePath().toString());
        p.put("formation.metadata-dir", "");
        p.put("formation.demo-data", "true");
        p.put("datasources.default.maximum-pool-size", 10);
        p.put("formation.tenants.schema-prefix", db.tenantPrefix());
        p.putAll(db.properties());
        return p;
    }

    /** Starts the app; {@code overrides} win over the defaults above (e.g. {@code formation.metadata-dir}). */
    public static FormationApp start(TestDatabase db, Path dataDir, Map<String, Object> overrides) {
        Map<String, Object> p = properties(db, dataDir);
        p.putAll(overrides);
        EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, p);
        return new FormationApp(server);
    }

    public Api api() {
        return api;
    }

    public ApplicationContext context() {
        return server.getApplicationContext();
    }

    public String baseUrl() {
        return server.getURL().toString();
    }

    @Override
    public void close() {
        api.close();
        if (server.isRunning()) {
            server.stop();
        }
        ApplicationContext context = server.getApplicationContext();
        if (context.isRunning()) {
            context.close();
        }
    }
}
