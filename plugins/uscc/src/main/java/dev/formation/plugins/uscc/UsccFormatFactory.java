package dev.formation.plugins.uscc;

import dev.formation.plugin.api.FieldFormat;
import dev.formation.plugin.api.FieldFormatFactory;

/** Registers the {@code uscc} format with the engine through {@link java.util.ServiceLoader}. */
public final class UsccFormatFactory implements FieldFormatFactory {

    @Override
    public String id() {
        return UsccFormat.NAME;
    }

    @Override
    public FieldFormat create() {
        return new UsccFormat();
    }
}
