package dev.formation;

import dev.formation.metadata.MetadataException;
import dev.formation.security.SigningSecretFile;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.EmbeddedApplication;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Starts Formation. Start-up failures that a user can fix (a bad metadata file, an
 * incompatible field change) end the process with their one-line message instead of a stack
 * trace, so the cause is the first thing a business admin reads.
 */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        ensureJwtSecret();
        ApplicationContext context;
        try {
            context = ApplicationContext.builder(Application.class).args(args).banner(false).start();
            EmbeddedApplication<?> app = context.getBean(EmbeddedApplication.class);
            app.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                if (context.isRunning()) {
                    context.close();
                }
            }));
        } catch (RuntimeException e) {
            MetadataException metadata = find(e, MetadataException.class);
            System.err.println("Formation cannot start: " + (metadata != null ? metadata.getMessage() : rootMessage(e)));
            if (metadata == null) {
                e.printStackTrace(System.err);
            }
            System.exit(1);
        }
    }

    /**
     * Tokens are signed with formation.jwt-secret (FORMATION_JWT_SECRET); without one, a secret is
     * made once and kept in the data folder (readable by its owner only) so logins survive restarts
     * of a single node. This runs before Micronaut reads its settings, so it looks at both
     * spellings itself.
     */
    private static void ensureJwtSecret() {
        String property = "micronaut.security.token.jwt.signatures.secret.generator.secret";
        if (isSet(System.getenv("FORMATION_JWT_SECRET")) || isSet(System.getProperty("formation.jwt-secret"))
                || isSet(System.getProperty(property))) {
            return;
        }
        String dataDir = System.getProperty("formation.data-dir",
                System.getenv().getOrDefault("FORMATION_DATA_DIR", "./data"));
        Path file = Path.of(dataDir, "jwt-secret");
        try {
            System.setProperty(property, SigningSecretFile.readOrCreate(file));
        } catch (IOException e) {
            throw new IllegalStateException("cannot keep the token secret in " + file, e);
        }
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
