package dev.formation.plugins.uscc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.formation.plugin.api.FieldFormatFactory;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class UsccFormatFactoryTest {

    @Test
    void serviceLoaderFindsTheFactory() {
        List<FieldFormatFactory> factories = ServiceLoader.load(FieldFormatFactory.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(f -> f.id().equals("uscc"))
                .collect(Collectors.toList());
        assertEquals(1, factories.size());
        assertTrue(factories.get(0) instanceof UsccFormatFactory);
    }

    @Test
    void idMatchesTheNameOfTheCreatedFormat() {
        UsccFormatFactory factory = new UsccFormatFactory();
        assertEquals(factory.id(), factory.create().name());
    }

    @Test
    void createdFormatChecksCodes() {
        assertTrue(new UsccFormatFactory().create().check("91110000802100433B").isEmpty());
        assertTrue(new UsccFormatFactory().create().check("91110000802100433A").isPresent());
    }
}
