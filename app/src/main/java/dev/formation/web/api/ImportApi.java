package dev.formation.web.api;

import dev.formation.core.Actor;
import dev.formation.imports.ImportService;
import dev.formation.security.LoginService;
import dev.formation.web.RequestLocale;
import dev.formation.web.export.TemporaryFile;
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
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.http.server.types.files.StreamedFile;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Spreadsheet imports of any form's records: {@code GET /api/forms/{form}/import/template}, {@code POST
 * /api/forms/{form}/imports} (multipart {@code file}, {@code mode} insert | upsert, {@code key}, {@code dryRun})
 * → 202 with the import's id, which runs in the background; {@code GET /api/imports/{id}} how far it is
 * and its errors; {@code GET /api/imports/{id}/errors.xlsx}; {@code POST /api/imports/{id}/revert};
 * {@code POST /api/imports/{id}/run} runs a dry run's file for real; {@code GET /api/forms/{form}/imports}
 * the history.
 */
@Controller("/api")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class ImportApi {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final int ERRORS_SHOWN = 1000;

    private final ImportService imports;

    public ImportApi(ImportService imports) {
        this.imports = imports;
    }

    @Get("/forms/{form}/import/template")
    public HttpResponse<byte[]> template(HttpRequest<?> request, String form, Authentication authentication) {
        byte[] content = imports.template(form, LoginService.actor(authentication), RequestLocale.of(request));
        return HttpResponse.ok(content).contentType(MediaType.of(XLSX))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + form + "-template.xlsx\"");
    }

    @Post("/forms/{form}/imports")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public HttpResponse<Map<String, Object>> start(HttpRequest<?> request, String form,
                                                   @Part("file") @Nullable CompletedFileUpload file,
                                                   @Part("mode") @Nullable String mode,
                                                   @Part("key") @Nullable String key,
                                                   @Part("dryRun") @Nullable String dryRun,
                                                   Authentication authentication) throws IOException {
        Actor actor = LoginService.actor(authentication);
        long id;
        try (InputStream content = file == null ? null : file.getInputStream()) {
            id = imports.start(form, content, file == null ? 0 : file.getSize(), file == null ? null : file.getFilename(),
                    mode, key, flag(dryRun), actor, RequestLocale.of(request));
        }
        return accepted(id, actor);
    }

    @Get("/forms/{form}/imports")
    public List<Map<String, Object>> history(String form, Authentication authentication) {
        return imports.history(form, LoginService.actor(authentication), 50);
    }

    @Get("/imports/{id}")
    public Map<String, Object> status(long id, @Nullable @QueryValue Integer errors, Authentication authentication) {
        int limit = errors == null ? ERRORS_SHOWN : Math.max(0, Math.min(errors, 100_000));
        return imports.view(id, LoginService.actor(authentication), limit);
    }

    @Get("/imports/{id}/errors.xlsx")
    public HttpResponse<StreamedFile> errors(long id, Authentication authentication) throws IOException {
        Path file = Files.createTempFile("formation-import-errors-", ".xlsx");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
            imports.errorsWorkbook(id, LoginService.actor(authentication), out);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        StreamedFile body = new StreamedFile(TemporaryFile.open(file), MediaType.of(XLSX), 0, Files.size(file));
        body.attach("import-" + id + "-errors.xlsx");
        return HttpResponse.ok(body);
    }

    @Post("/imports/{id}/revert")
    public HttpResponse<Map<String, Object>> revert(long id, Authentication authentication) {
        return HttpResponse.<Map<String, Object>>status(HttpStatus.ACCEPTED)
                .body(imports.revert(id, LoginService.actor(authentication)));
    }

    @Post("/imports/{id}/run")
    public HttpResponse<Map<String, Object>> run(long id, Authentication authentication) {
        Actor actor = LoginService.actor(authentication);
        return accepted(imports.runChecked(id, actor), actor);
    }

    private HttpResponse<Map<String, Object>> accepted(long id, Actor actor) {
        return HttpResponse.<Map<String, Object>>status(HttpStatus.ACCEPTED)
                .body(imports.view(id, actor, 0))
                .header(HttpHeaders.LOCATION, URI.create("/api/imports/" + id).toString());
    }

    private static boolean flag(String value) {
        return value != null && (value.equalsIgnoreCase("true") || value.equals("1") || value.equalsIgnoreCase("on"));
    }
}
