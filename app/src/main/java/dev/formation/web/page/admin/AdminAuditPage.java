package dev.formation.web.page.admin;

import dev.formation.core.Actor;
import dev.formation.form.Form;
import dev.formation.form.FormCatalog;
import dev.formation.metadata.MetadataHolder;
import dev.formation.security.AuditQuery;
import dev.formation.security.Directory;
import dev.formation.security.UserAdministration;
import dev.formation.store.RecordPage;
import dev.formation.web.page.Choices;
import dev.formation.web.page.Pager;
import dev.formation.web.page.Pages;
import dev.formation.web.page.QueryString;
import dev.formation.web.page.records.AuditPresenter;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code GET /admin/audit}: the operation log, searched by user, form, record and dates, paged. */
@Controller("/admin/audit")
@Produces(MediaType.TEXT_HTML)
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class AdminAuditPage {

    private static final int SIZE = 30;

    private final UserAdministration admin;
    private final AuditQuery audit;
    private final AuditPresenter presenter;
    private final MetadataHolder metadata;
    private final Directory directory;
    private final Pages pages;

    public AdminAuditPage(UserAdministration admin, AuditQuery audit, AuditPresenter presenter, MetadataHolder metadata,
                          Directory directory, Pages pages) {
        this.admin = admin;
        this.audit = audit;
        this.presenter = presenter;
        this.metadata = metadata;
        this.directory = directory;
        this.pages = pages;
    }

    @Get
    public HttpResponse<?> search(HttpRequest<?> request, Locale locale, Actor actor) {
        admin.requireAdmin(actor);
        QueryString query = QueryString.of("/admin/audit", request.getParameters().asMap());
        LocalDate from = date(query.get("from"));
        LocalDate to = date(query.get("to"));
        // the "to" day is included: entries before the start of the next day
        AuditQuery.Filter filter = new AuditQuery.Filter(query.get("user"), query.get("form"), number(query.get("record")),
                from == null ? null : from.atStartOfDay(), to == null ? null : to.plusDays(1).atStartOfDay());
        int page = Math.max(1, number(query.get("page")) == null ? 1 : number(query.get("page")).intValue());
        AuditQuery.Page result = audit.search(filter, page, SIZE);
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("entries", presenter.present(result.items(), actor, locale));
        model.put("total", result.total());
        model.put("pager", Pager.of(new RecordPage(result.items(), result.total(), page, SIZE), query));
        Map<String, String> forms = new LinkedHashMap<>();
        for (Form form : catalog().forms()) {
            forms.put(form.key(), form.label().in(locale));
        }
        model.put("users", Choices.of(directory.userNames(), List.of(orEmpty(query.get("user")))));
        model.put("forms", Choices.of(forms, List.of(orEmpty(query.get("form")))));
        model.put("record", orEmpty(query.get("record")));
        model.put("from", from == null ? "" : from.toString());
        model.put("to", to == null ? "" : to.toString());
        model.put("filtered", filter.user() != null || filter.form() != null || filter.record() != null
                || from != null || to != null);
        return pages.ok(request, "admin-audit", model);
    }

    /** Hand-edited filters are not worth an error page: what does not read as a date or number is ignored. */
    private static LocalDate date(String text) {
        try {
            return text == null ? null : LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Long number(String text) {
        try {
            return text == null ? null : Long.valueOf(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }

    private FormCatalog catalog() {
        return metadata.current().get(FormCatalog.class);
    }
}
