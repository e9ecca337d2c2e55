package dev.formation.testing;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** Folders under src/test/resources, as paths the app can be pointed at. */
public final class Resources {

    private Resources() {
    }

    public static Path folder(String name) {
        URL url = Resources.class.getResource("/" + name);
        if (url == null) {
            throw new IllegalStateException("test resource folder missing: " + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
