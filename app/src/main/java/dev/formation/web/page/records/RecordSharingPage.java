package dev.formation.web.page.records;

import dev.formation.core.Actor;
import dev.formation.core.FieldError;
import dev.formation.core.ValidationException;
import dev.formation.form.Form;
import dev.formation.i18n.Texts;
import dev.formation.record.RecordService;
import dev.formation.record.SharingService;
import dev.formation.security.AccessPolicy;
import dev.formation.security.Directory;
import dev.formation.web.RequestLocale;
import dev.formation.web.page.Choices;
import dev.formation.web.page.Lookups;
import dev.formation.web.page.PageErrors;
import dev.formation.web.page.Pages;
import dev.formation.web.page.RecordPresenter;
import dev.formation.web.protection.FormBody;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A record's sharing and owners: {@code GET /forms/{form}/{id}/sharing} lists them; the posts
 * add users and departments to the shares or take one off, through the sharing service, which
 * refuses anyone without the share right on the record.
 */
@Controller("/forms/{form}")
@Produces(MediaType.TEXT_HTML)
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class RecordSharingPage {

    private final RecordService records;
    private final SharingService sharing;
    private final Directory directory;
    private final Lookups lookups;
    private final Landing landing;
    private final Pages pages;

    public RecordSharingPage(RecordService records, SharingService sharing, Directory directory, Lookups lookups,
                             Landing landing, Pages pages) {
        this.landing = landing;
        this.records = records;
        this.sharing = sharing;
        this.directory = directory;
        this.lookups = lookups;
        this.pages = pages;
    }

    @Get("/{id:[0-9]+}/sharing")
    public HttpResponse<?> show(HttpRequest<?> request, String form, long id, Actor actor) {
        return render(request, HttpStatus.OK, form, id, actor, PageErrors.none(),
                Set.of(), Set.of());
    }

    @Post("/{id:[0-9]+}/shares")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> share(HttpRequest<?> request, Locale locale, String form, long id, FormBody posted,
                                 Actor actor) {
        Set<String> users = picked(posted.all("users"));
        Set<String> departments = picked(posted.all("departments"));
        try {
            if (users.isEmpty() && departments.isEmpty()) {
                throw new ValidationException(List.of(new FieldError("users",
                        Texts.get(locale, "page.sharing.pickSomeone"))));
            }
            sharing.share(form, id, users, departments, actor, locale);
        } catch (ValidationException e) {
            return render(request, HttpStatus.BAD_REQUEST, form, id, actor, new PageErrors(e.errors()), users,
                    departments);
        }
        return Pages.seeOther("/forms/" + form + "/" + id + "/sharing");
    }

    @Post("/{id:[0-9]+}/shares/remove")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> unshare(HttpRequest<?> request, Locale locale, String form, long id, FormBody posted,
                                   Actor actor) {
        Landing.Subject subject = Landing.Subject.of(records.form(form), records.get(form, id, actor),
                locale);
        sharing.unshare(form, id, picked(posted.all("user")), picked(posted.all("department")), actor);
        // taking off the share that let the user see the record (their department's) leaves them the list
        return landing.toRecord(subject, "/sharing", actor, "unshared");
    }

    private HttpResponse<?> render(HttpRequest<?> request, HttpStatus status, String form, long id, Actor actor,
                                   PageErrors errors, Set<String> users, Set<String> departments) {
        Form f = records.form(form);
        Locale locale = RequestLocale.of(request);
        Map<String, Object> record = records.get(form, id, actor);
        RecordPresenter presenter = new RecordPresenter(f, lookups.names(f, List.of(record)), locale);
        Map<String, Object> model = new LinkedHashMap<>(RecordHeader.of(f, record, presenter, locale,
                RecordHeader.SHARING));
        Map<String, String> userNames = directory.userNames();
        Map<String, String> departmentNames = directory.departmentNames();
        Map<String, Object> shares = sharing.shares(form, id, actor);
        List<String> sharedUsers = names(shares.get("users"));
        List<String> sharedDepartments = names(shares.get("departments"));
        model.put("sharedUsers", Choices.named(sharedUsers, userNames));
        model.put("sharedDepartments", Choices.named(sharedDepartments, departmentNames));
        model.put("canShare", records.may(form, id, AccessPolicy.SHARE, actor));
        List<String> owners = sharing.owners(form, id, actor);
        model.put("owners", Choices.named(owners, userNames));
        List<String> notOffered = new ArrayList<>(sharedUsers);
        notOffered.addAll(owners);
        notOffered.add(actor.username());
        model.put("userChoices", Choices.of(without(userNames, notOffered), users));
        model.put("departmentChoices", Choices.of(without(departmentNames, sharedDepartments), departments));
        model.put("errors", errors.model());
        return pages.render(request, status, "sharing", model);
    }

    /** Those who have the record already (shared with, owners, the user) are not offered. */
    private static Map<String, String> without(Map<String, String> all, List<String> taken) {
        Map<String, String> out = new LinkedHashMap<>(all);
        taken.forEach(out::remove);
        return out;
    }

    private static List<String> names(Object list) {
        return list instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
    }

    private static Set<String> picked(List<String> values) {
        Set<String> out = new LinkedHashSet<>();
        values.stream().map(String::strip).filter(v -> !v.isEmpty()).forEach(out::add);
        return out;
    }
}
