package dev.formation.plugin.api;

/**
 * Discovered with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/dev.formation.plugin.api.FieldFormatFactory}); creates the
 * format once when the engine starts.
 */
public interface FieldFormatFactory {

    /** The format name this factory provides; must equal {@code create().name()}. */
    String id();

    FieldFormat create();
}
