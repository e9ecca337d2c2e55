package dev.formation.report;

import dev.formation.config.FormationSettings;
import dev.formation.form.FormCatalog;
import dev.formation.form.FormPrint;
import dev.formation.metadata.MetadataDocument;
import dev.formation.metadata.MetadataException;
import dev.formation.metadata.MetadataHolder;
import dev.formation.metadata.MetadataSet;
import dev.formation.metadata.MetadataSnapshot;
import io.micronaut.context.annotation.Context;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The hand-designed JasperReports templates ({@code reports/*.jrxml}): packaged in the app, and
 * replaced file by file by the installation's {@code formation.reports-dir} when it holds one of
 * the same name. Every template the metadata names (a form's prints, a report's presentation) must
 * exist when the app starts: a missing one stops start-up naming the file and the metadata path.
 * The text is read on every use, so an edited copy counts at once; compiling is cached by content.
 */
@Context
@Singleton
public class TemplateFiles {

    /** The meta-schemas' pattern: a plain file name, so no name reaches outside the folder. */
    private static final Pattern NAME = Pattern.compile("^[a-z0-9_\\-]+\\.jrxml$");
    private static final String PACKAGED = "reports/";

    private final Path folder;

    public TemplateFiles(FormationSettings settings, MetadataHolder metadata) {
        this.folder = settings.getReportsDir().isBlank() ? null : Path.of(settings.getReportsDir()).toAbsolutePath();
        check(metadata.current());
    }

    /**
     * Every template the snapshot names exists, or a {@link MetadataException} naming the file and
     * path: at start-up here; a publish asks {@link #problems} so it can name every missing one.
     */
    public void check(MetadataSnapshot snapshot) {
        List<MetadataException> problems = problems(snapshot);
        if (!problems.isEmpty()) {
            throw problems.get(0);
        }
    }

    /** Each template the snapshot names that does not exist, as the problem start-up would stop with. */
    public List<MetadataException> problems(MetadataSnapshot snapshot) {
        MetadataSet metadata = snapshot.set();
        FormCatalog forms = snapshot.get(FormCatalog.class);
        List<MetadataException> out = new java.util.ArrayList<>();
        for (MetadataDocument doc : metadata.all("form")) {
            List<FormPrint> prints = forms.form(doc.key()).map(f -> f.prints()).orElse(List.of());
            for (int i = 0; i < prints.size(); i++) {
                missing(doc, "/prints/" + i + "/template", prints.get(i).template()).ifPresent(out::add);
            }
        }
        for (MetadataDocument doc : metadata.all("report")) {
            Object presentation = doc.content().get("presentation");
            if (presentation instanceof java.util.Map<?, ?> p && p.get("template") instanceof String template) {
                missing(doc, "/presentation/template", template).ifPresent(out::add);
            }
        }
        return out;
    }

    /** The template's JRXML text; the installation's copy when there is one. */
    public String read(String name) {
        return text(name).orElseThrow(() -> new IllegalStateException("no report template " + where(name)));
    }

    private Optional<MetadataException> missing(MetadataDocument doc, String path, String name) {
        return text(name).isEmpty()
                ? Optional.of(new MetadataException(doc.source(), path, "no report template " + where(name)))
                : Optional.empty();
    }

    private String where(String name) {
        return PACKAGED + name + (folder == null ? " packaged in the app" : " in " + folder + " or packaged in the app");
    }

    private Optional<String> text(String name) {
        if (!NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        try {
            Path copy = folder == null ? null : folder.resolve(name);
            if (copy != null && Files.isRegularFile(copy)) {
                return Optional.of(Files.readString(copy, StandardCharsets.UTF_8));
            }
            try (InputStream in = TemplateFiles.class.getClassLoader().getResourceAsStream(PACKAGED + name)) {
                return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the report template " + name, e);
        }
    }
}
