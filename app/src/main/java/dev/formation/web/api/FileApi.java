package dev.formation.web.api;

import dev.formation.config.FormationSettings;
import dev.formation.i18n.Texts;
import dev.formation.core.Actor;
import dev.formation.core.FieldError;
import dev.formation.record.FileAccess;
import dev.formation.core.NotFoundException;
import dev.formation.core.ValidationException;
import dev.formation.security.LoginService;
import dev.formation.store.FileStore;
import dev.formation.store.Tx;
import dev.formation.web.RequestLocale;
import dev.formation.web.error.Problem;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Part;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.http.server.types.files.StreamedFile;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.NoSuchFileException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/files} (multipart part {@code file}) stores an upload; {@code GET /api/files/{id}}
 * serves it to those who may read it (see {@link FileAccess}); anyone else gets 404, as for a
 * file that does not exist.
 */
@Controller("/api/files")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class FileApi {

    private static final Logger LOG = LoggerFactory.getLogger(FileApi.class);
    static final String PART = "file";

    private final FileStore files;
    private final FileAccess access;
    private final Tx tx;
    private final FormationSettings settings;

    public FileApi(FileStore files, FileAccess access, Tx tx, FormationSettings settings) {
        this.files = files;
        this.access = access;
        this.tx = tx;
        this.settings = settings;
    }

    @Post
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public HttpResponse<?> upload(HttpRequest<?> request, @Part(PART) @Nullable CompletedFileUpload file,
                                  Authentication authentication) {
        var locale = RequestLocale.of(request);
        if (file == null) {
            // a form without the part, or a text field of that name instead of a file
            throw new ValidationException(List.of(new FieldError(PART, Texts.get(locale, "problem.fileMissing", PART))));
        }
        if (file.getSize() > settings.getMaxUploadBytes()) {
            return Problem.of(HttpStatus.BAD_REQUEST, Texts.get(locale, "problem.tooLarge",
                    settings.getMaxUploadBytes() / (1024 * 1024) + "MB"));
        }
        String username = LoginService.actor(authentication).username();
        Map<String, Object> body = new LinkedHashMap<>();
        try (InputStream in = file.getInputStream()) {
            var stored = files.save(in, file.getSize(), file.getFilename(), username);
            if (stored.isEmpty()) {
                return Problem.of(HttpStatus.BAD_REQUEST, Texts.get(locale, "problem.fileType"));
            }
            body.put("id", stored.get().id());
            body.put("name", stored.get().name());
            body.put("contentType", stored.get().contentType());
            body.put("size", stored.get().size());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return HttpResponse.created(body, URI.create("/api/files/" + body.get("id")));
    }

    @Get("/{id}")
    public HttpResponse<StreamedFile> download(String id, Authentication authentication) {
        Actor actor = LoginService.actor(authentication);
        if (!access.mayRead(id, actor)) {
            throw new NotFoundException("file " + id);
        }
        var found = tx.read(c -> files.find(List.of(id)));
        if (found.isEmpty()) {
            throw new NotFoundException("file " + id);
        }
        var f = found.get(0);
        InputStream content;
        try {
            content = files.open(id);
        } catch (NoSuchFileException e) {
            LOG.warn("File {} is known but its contents are missing from the file storage", id);
            throw new NotFoundException("file " + id);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StreamedFile body = new StreamedFile(content, MediaType.of(f.contentType()), 0, f.size());
        // pictures show in the page; anything else downloads under its name
        if (!f.contentType().startsWith("image/")) {
            body.attach(f.name());
        }
        return HttpResponse.ok(body).header("X-Content-Type-Options", "nosniff")
                .header(HttpHeaders.CACHE_CONTROL, "private, no-cache");
    }
}
