package dev.formation.plugin.api;

/**
 * Discovered with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/dev.formation.plugin.api.RecordHookFactory}); creates the hook
 * once when the engine starts. Hooks run in the order of their ids.
 */
public interface RecordHookFactory {

    /** A name for the hook, unique among plugins, e.g. {@code "audit-export"}. */
    String id();

    RecordHook create();
}
