package dev.formation.web.page.records;

import dev.formation.core.Actor;
import dev.formation.core.BadRequestException;
import dev.formation.form.Form;
import dev.formation.form.FormCatalog;
import dev.formation.form.Menu;
import dev.formation.metadata.MetadataHolder;
import dev.formation.record.RecordService;
import dev.formation.security.AccessPolicy;
import dev.formation.store.ListQuery;
import dev.formation.store.RecordPage;
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
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /}: the menus as cards. A card that opens a form's list shows how many rows that
 * list has for the user: the same view, filters and search as its link, with the user's row
 * scope (the pool card counts the pool, not every customer). Other cards show no number.
 */
@Controller
@Produces(MediaType.TEXT_HTML)
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class HomePage {

    private final MetadataHolder metadata;
    private final RecordService records;
    private final AccessPolicy access;
    private final Pages pages;

    public HomePage(MetadataHolder metadata, RecordService records, AccessPolicy access, Pages pages) {
        this.metadata = metadata;
        this.records = records;
        this.access = access;
        this.pages = pages;
    }

    @Get
    public HttpResponse<?> home(HttpRequest<?> request, Actor actor) {
        // by the card's link: two cards on one form (all customers, the pool) count apart
        Map<String, String> counts = new LinkedHashMap<>();
        for (Menu menu : catalog().menus()) {
            for (Menu.Item item : menu.items()) {
                if (item.form() != null && !counts.containsKey(item.href())) {
                    count(item, actor).ifPresent(n -> counts.put(item.href(), n));
                }
            }
        }
        return pages.ok(request, "home", Map.of("counts", counts));
    }

    /** The total of the list the item opens, or empty when it opens no list the user may read. */
    private Optional<String> count(Menu.Item item, Actor actor) {
        Form form = catalog().form(item.form()).orElse(null);
        if (form == null || !access.can(actor, form, AccessPolicy.READ)) {
            return Optional.empty();
        }
        Optional<ListLink> link;
        try {
            link = ListLink.parse(form, item.href());
        } catch (BadRequestException e) {
            // a menu link with a sort or filter the form does not have lists nothing worth counting
            return Optional.empty();
        }
        return link.map(l -> {
            ListQuery one = new ListQuery(l.query().keywords(), l.query().filters(), l.query().sort(), 1, 1, null);
            RecordPage page = records.list(form.key(), one, l.view(), actor);
            // a capped count reads "10000+": the card does not claim a number it did not count
            return page.total() + (page.totalExact() ? "" : "+");
        });
    }

    private FormCatalog catalog() {
        return metadata.current().get(FormCatalog.class);
    }
}
