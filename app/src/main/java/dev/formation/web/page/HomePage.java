package dev.formation.web.page;

import dev.formation.form.Form;
import dev.formation.form.FormCatalog;
import dev.formation.form.Menu;
import dev.formation.record.Actor;
import dev.formation.record.RecordService;
import dev.formation.security.LoginService;
import dev.formation.store.ListQuery;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /}: the menus as cards, each form with how many records the user can see. */
@Controller
@Produces(MediaType.TEXT_HTML)
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class HomePage {

    private final FormCatalog catalog;
    private final RecordService records;
    private final Pages pages;

    public HomePage(FormCatalog catalog, RecordService records, Pages pages) {
        this.catalog = catalog;
        this.records = records;
        this.pages = pages;
    }

    @Get
    public HttpResponse<?> home(HttpRequest<?> request, Authentication authentication) {
        Actor actor = LoginService.actor(authentication);
        Map<String, Long> counts = new LinkedHashMap<>();
        ListQuery one = new ListQuery(List.of(), Map.of(), List.of(), 1, 1, null);
        for (Menu menu : catalog.menus()) {
            for (Menu.Item item : menu.items()) {
                if (item.form() != null && !counts.containsKey(item.form())) {
                    Form form = records.form(item.form());
                    counts.put(form.key(), records.list(form.key(), one, actor).total());
                }
            }
        }
        return pages.ok(request, "home", Map.of("counts", counts));
    }
}
