package dev.formation.web.page.admin;

import dev.formation.core.Actor;
import dev.formation.lookup.CompanyLookups;
import dev.formation.web.page.Pages;
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

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code GET /admin/company-registry}: the registry file the company lookup answers from (its
 * name, companies, who loaded it and when) and loading a new one; the page's script sends the
 * file to {@code PUT /api/admin/company-registry} and shows each refused row's problem.
 */
@Controller("/admin/company-registry")
@Produces(MediaType.TEXT_HTML)
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class AdminCompanyRegistryPage {

    private final CompanyLookups lookups;
    private final Pages pages;

    public AdminCompanyRegistryPage(CompanyLookups lookups, Pages pages) {
        this.lookups = lookups;
        this.pages = pages;
    }

    @Get
    public HttpResponse<?> show(HttpRequest<?> request, Locale locale, Actor actor) {
        Map<String, Object> status = lookups.status(actor);
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("loaded", status.get("loaded"));
        model.put("fileName", status.getOrDefault("fileName", ""));
        model.put("companies", status.getOrDefault("companies", 0));
        model.put("loadedBy", status.getOrDefault("loadedBy", ""));
        model.put("loadedAt", String.valueOf(status.getOrDefault("loadedAt", "")).replace('T', ' '));
        model.put("formats", lookups.fileFormats(locale));
        return pages.ok(request, "admin-company-registry", model);
    }
}
