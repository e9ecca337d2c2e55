package dev.formation.web.page.account;

import dev.formation.core.Actor;
import dev.formation.core.ValidationException;
import dev.formation.i18n.Texts;
import dev.formation.security.Delegation;
import dev.formation.security.DelegationService;
import dev.formation.security.Directory;
import dev.formation.web.RequestLocale;
import dev.formation.web.page.Choices;
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

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code /account/delegations} (代理设置): the grants the user gave and those given to them,
 * a form to grant one, and revoking. The delegation service checks everything; a revoke of
 * someone else's grant is a 404 from it.
 */
@Controller("/account/delegations")
@Produces(MediaType.TEXT_HTML)
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class DelegationsPage {

    /** A new grant runs for a week unless the user says otherwise. */
    private static final int DEFAULT_DAYS = 7;

    private final DelegationService delegations;
    private final Directory directory;
    private final Pages pages;

    private final Clock clock;

    public DelegationsPage(DelegationService delegations, Directory directory, Pages pages, Clock clock) {
        this.clock = clock;
        this.delegations = delegations;
        this.directory = directory;
        this.pages = pages;
    }

    @Get
    public HttpResponse<?> list(HttpRequest<?> request, Actor actor) {
        LocalDateTime now = LocalDateTime.now(clock).truncatedTo(ChronoUnit.MINUTES);
        Map<String, String> form = Map.of("delegate", "", "kind", Delegation.CREATE, "starts_at", now.toString(),
                "ends_at", now.plusDays(DEFAULT_DAYS).toString());
        return render(request, HttpStatus.OK, actor, form, PageErrors.none());
    }

    @Post
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> grant(HttpRequest<?> request, Locale locale, FormBody posted, Actor actor) {
        String starts = text(posted.first("starts_at"));
        String ends = text(posted.first("ends_at"));
        try {
            delegations.grant(actor, text(posted.first("delegate")), text(posted.first("kind")),
                    starts == null ? LocalDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS) : time(starts), time(ends),
                    locale);
        } catch (ValidationException e) {
            Map<String, String> form = new LinkedHashMap<>();
            form.put("delegate", orEmpty(posted.first("delegate")));
            form.put("kind", orEmpty(posted.first("kind")));
            form.put("starts_at", orEmpty(starts));
            form.put("ends_at", orEmpty(ends));
            return render(request, HttpStatus.BAD_REQUEST, actor, form, new PageErrors(e.errors(), Map.of(
                    "delegate", Texts.get(locale, "page.delegations.delegate"),
                    "kind", Texts.get(locale, "page.delegations.kind"))));
        }
        return Pages.seeOther("/account/delegations");
    }

    @Post("/{id:[0-9]+}/revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> revoke(long id, Actor actor) {
        // on this page only one's own grants: an admin revokes others' through the API
        delegations.revoke(id, actor, false);
        return Pages.seeOther("/account/delegations");
    }

    private HttpResponse<?> render(HttpRequest<?> request, HttpStatus status, Actor actor, Map<String, String> form,
                                   PageErrors errors) {
        Locale locale = RequestLocale.of(request);
        Map<String, String> names = directory.userNames();
        LocalDateTime now = LocalDateTime.now(clock);
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("given", delegations.given(actor.username()).stream()
                .map(d -> row(d, names.getOrDefault(d.delegate(), d.delegate()), now, locale)).toList());
        model.put("received", delegations.received(actor.username()).stream()
                .map(d -> row(d, names.getOrDefault(d.principal(), d.principal()), now, locale)).toList());
        Map<String, String> others = new LinkedHashMap<>(names);
        others.remove(actor.username());
        model.put("delegates", Choices.of(others, List.of(form.get("delegate"))));
        Map<String, String> kinds = new LinkedHashMap<>();
        for (String kind : List.of(Delegation.CREATE, Delegation.APPROVE)) {
            kinds.put(kind, Texts.get(locale, "page.delegation.kind." + kind));
        }
        model.put("kinds", Choices.of(kinds, List.of(form.get("kind"))));
        model.put("startsAt", form.get("starts_at"));
        model.put("endsAt", form.get("ends_at"));
        model.put("errors", errors.model());
        return pages.render(request, status, "account-delegations", model);
    }

    /** One grant; {@code who} is the other party's name (the delegate, or the principal). */
    private static Map<String, Object> row(Delegation d, String who, LocalDateTime now, Locale locale) {
        String status = d.revokedAt() != null ? "revoked" : !now.isBefore(d.endsAt()) ? "expired"
                : now.isBefore(d.startsAt()) ? "scheduled" : "active";
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", Long.toString(d.id()));
        out.put("who", who);
        out.put("kind", Texts.get(locale, "page.delegation.kind." + d.kind()));
        out.put("starts", RecordPresenter.dateTime(d.startsAt().toString()));
        out.put("ends", RecordPresenter.dateTime(d.endsAt().toString()));
        out.put("status", Texts.get(locale, "page.delegation.status." + status));
        out.put("statusCss", switch (status) {
            case "active" -> "is-success is-light";
            case "scheduled" -> "is-info is-light";
            default -> "";
        });
        out.put("revocable", "active".equals(status) || "scheduled".equals(status));
        return out;
    }

    /** A {@code datetime-local} value; anything else is no time, which the service refuses with its message. */
    private static LocalDateTime time(String text) {
        try {
            return text == null ? null : LocalDateTime.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String text(String raw) {
        return raw == null || raw.isBlank() ? null : raw.strip();
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }
}
