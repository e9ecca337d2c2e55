package dev.formation.web.api;

import dev.formation.config.FormationSettings;
import dev.formation.i18n.Texts;
import dev.formation.record.NotFoundException;
import dev.formation.security.LoginService;
import dev.formation.store.FileStore;
import dev.formation.store.Tx;
import dev.formation.web.RequestLocale;
import dev.formation.web.error.Problem;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.http.server.types.files.SystemFile;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code POST /api/files} (multipart field {@code file}) stores an upload; {@code GET /api/files/{id}} serves it. */
@Controller("/api/files")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class FileApi {

    private final FileStore files;
    private final Tx tx;
    private final FormationSettings settings;

    public FileApi(FileStore files, Tx tx, FormationSettings settings) {
        this.files = files;
        this.tx = tx;
        this.settings = settings;
    }

    @Post
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public HttpResponse<?> upload(HttpRequest<?> request, CompletedFileUpload file, Authentication authentication) {
        var locale = RequestLocale.of(request);
        if (file.getSize() > settings.getMaxUploadBytes()) {
            return Problem.of(HttpStatus.BAD_REQUEST, Texts.get(locale, "problem.tooLarge",
                    settings.getMaxUploadBytes() / (1024 * 1024) + "MB"));
        }
        byte[] bytes;
        try {
            bytes = file.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String username = LoginService.actor(authentication).username();
        var stored = tx.write(c -> files.save(c, bytes, file.getFilename(), username));
        if (stored.isEmpty()) {
            return Problem.of(HttpStatus.BAD_REQUEST, Texts.get(locale, "problem.fileType"));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", stored.get().id());
        body.put("name", stored.get().name());
        body.put("contentType", stored.get().contentType());
        body.put("size", stored.get().size());
        return HttpResponse.created(body, URI.create("/api/files/" + stored.get().id()));
    }

    @Get("/{id}")
    public HttpResponse<SystemFile> download(String id) {
        if (!id.matches("^[a-f0-9]{32}$")) {
            throw new NotFoundException("file " + id);
        }
        var found = tx.read(c -> files.find(c, List.of(id)));
        if (found.isEmpty()) {
            throw new NotFoundException("file " + id);
        }
        var f = found.get(0);
        SystemFile body = new SystemFile(files.path(id).toFile(), MediaType.of(f.contentType()))
                .attach(f.name());
        if (f.contentType().startsWith("image/")) {
            return HttpResponse.ok(new SystemFile(files.path(id).toFile(), MediaType.of(f.contentType())))
                    .header("X-Content-Type-Options", "nosniff");
        }
        return HttpResponse.ok(body).header("X-Content-Type-Options", "nosniff");
    }
}
