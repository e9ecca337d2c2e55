package dev.formation.web.print;

import dev.formation.core.Actor;
import dev.formation.form.PlatformColumns;
import dev.formation.report.ReportRendering;
import dev.formation.security.LoginService;
import dev.formation.web.RequestLocale;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;

import java.io.ByteArrayOutputStream;
import java.util.Locale;

/**
 * {@code GET /api/forms/{form}/records/{id}/prints/{print}}: a record as one of its form's
 * printable documents, a PDF in the user's language. The detail page links here (the login
 * cookie is enough for a GET); 404 for a print the form does not declare or a record the user
 * may not read, as everywhere.
 */
@Controller("/api/forms/{form}/records/{id}/prints")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class RecordPrintApi {

    private final RecordPrintData data;
    private final ReportRendering rendering;

    public RecordPrintApi(RecordPrintData data, ReportRendering rendering) {
        this.data = data;
        this.rendering = rendering;
    }

    @Get("/{print}")
    public HttpResponse<byte[]> print(HttpRequest<?> request, String form, long id, String print,
                                      Authentication authentication) {
        Actor actor = LoginService.actor(authentication);
        Locale locale = RequestLocale.of(request);
        RecordPrintData.Data filled = data.of(form, id, print, actor, locale);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        rendering.print(filled.print().template(), filled.row(), filled.parameters(), locale, out);
        Object code = filled.row().get(PlatformColumns.CODE);
        String name = form + "-" + (code == null ? String.valueOf(id) : code.toString().replaceAll("[^A-Za-z0-9_-]", ""))
                + "-" + print + ".pdf";
        return HttpResponse.ok(out.toByteArray()).contentType("application/pdf")
                .header("Content-Disposition", "inline; filename=\"" + name + "\"");
    }
}
