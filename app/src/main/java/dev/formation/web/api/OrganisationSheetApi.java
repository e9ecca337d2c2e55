package dev.formation.web.api;

import dev.formation.core.BadRequestException;
import dev.formation.security.LoginService;
import dev.formation.security.OrganisationSheets;
import dev.formation.web.RequestLocale;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Part;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Users and departments as XLSX for administrators: {@code GET /api/admin/users/export},
 * {@code POST /api/admin/users/import} (multipart {@code file}, {@code dryRun}) and the same for
 * departments. An import answers 200 with what it did and each refused row's problems.
 */
@Controller("/api/admin")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class OrganisationSheetApi {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final OrganisationSheets sheets;

    public OrganisationSheetApi(OrganisationSheets sheets) {
        this.sheets = sheets;
    }

    @Get("/users/export")
    public HttpResponse<byte[]> exportUsers(HttpRequest<?> request, Authentication authentication) {
        return xlsx("users.xlsx", sheets.exportUsers(LoginService.actor(authentication), RequestLocale.of(request)));
    }

    @Get("/departments/export")
    public HttpResponse<byte[]> exportDepartments(HttpRequest<?> request, Authentication authentication) {
        return xlsx("departments.xlsx", sheets.exportDepartments(LoginService.actor(authentication),
                RequestLocale.of(request)));
    }

    @Post("/users/import")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Map<String, Object> importUsers(HttpRequest<?> request, @Part("file") @Nullable CompletedFileUpload file,
                                           @Part("dryRun") @Nullable String dryRun, Authentication authentication) {
        return sheets.importUsers(LoginService.actor(authentication), bytes(file), flag(dryRun),
                RequestLocale.of(request)).view();
    }

    @Post("/departments/import")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Map<String, Object> importDepartments(HttpRequest<?> request,
                                                 @Part("file") @Nullable CompletedFileUpload file,
                                                 @Part("dryRun") @Nullable String dryRun,
                                                 Authentication authentication) {
        return sheets.importDepartments(LoginService.actor(authentication), bytes(file), flag(dryRun),
                RequestLocale.of(request)).view();
    }

    private static HttpResponse<byte[]> xlsx(String fileName, byte[] content) {
        return HttpResponse.ok(content).contentType(MediaType.of(XLSX))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName + "\"");
    }

    private static byte[] bytes(CompletedFileUpload file) {
        if (file == null) {
            throw new BadRequestException("problem.badParam", "file", "XLSX");
        }
        try {
            return file.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A checkbox sends "on" or "true"; anything else (or nothing) is a real import. */
    private static boolean flag(String value) {
        return value != null && (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("on") || value.equals("1"));
    }
}
