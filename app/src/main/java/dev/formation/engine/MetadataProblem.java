package dev.formation.engine;

import dev.formation.metadata.MetadataException;
import dev.formation.metadata.MetadataLoader;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One reason a draft cannot be published: the definition (kind, key), the JSON pointer inside it, and why. */
public record MetadataProblem(String kind, String key, String pointer, String reason) {

    private static final Pattern TENANT = Pattern.compile("tenant:([a-z]+)/([a-z][a-z0-9_]*)");
    private static final Pattern FILE = Pattern.compile("([a-z]+)/([a-z][a-z0-9_]*)\\.ya?ml");

    /** The definition is read from the exception's source: the tenant's definition if it took part, else the last file. */
    static MetadataProblem of(MetadataException e) {
        String source = e.source() == null ? "" : e.source();
        Matcher tenant = TENANT.matcher(source);
        if (tenant.find()) {
            return new MetadataProblem(tenant.group(1), tenant.group(2), e.path(), e.reason());
        }
        Matcher file = FILE.matcher(source);
        String kind = null;
        String key = null;
        while (file.find()) {
            kind = MetadataLoader.FOLDERS.get(file.group(1));
            key = file.group(2);
        }
        return new MetadataProblem(kind, key, e.path(), e.reason());
    }
}
