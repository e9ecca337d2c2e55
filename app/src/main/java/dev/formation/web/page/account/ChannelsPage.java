package dev.formation.web.page.account;

import dev.formation.core.Actor;
import dev.formation.core.ValidationException;
import dev.formation.flow.ChannelPreferences;
import dev.formation.security.UserAccount;
import dev.formation.security.UserRepository;
import dev.formation.web.page.PageErrors;
import dev.formation.web.page.Pages;
import dev.formation.web.protection.FormBody;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code /account/channels} (通知方式): a person chooses the channels their notifications go out
 * over besides the inbox, or leaves it to their roles; the page says what is in effect.
 */
@Controller("/account/channels")
@Produces(MediaType.TEXT_HTML)
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class ChannelsPage {

    private final ChannelPreferences preferences;
    private final UserRepository users;
    private final Pages pages;

    public ChannelsPage(ChannelPreferences preferences, UserRepository users, Pages pages) {
        this.preferences = preferences;
        this.users = users;
        this.pages = pages;
    }

    @Get
    public HttpResponse<?> show(HttpRequest<?> request, Actor actor, Locale locale, @Nullable @QueryValue String saved) {
        return render(request, HttpStatus.OK, preferences.choice(user(actor)), locale, PageErrors.none(), saved != null);
    }

    /** {@code mode} = inherit | own; with own, the checked {@code channel}s (none: the inbox only). */
    @Post
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> choose(HttpRequest<?> request, Locale locale, FormBody posted, Actor actor) {
        UserAccount user = user(actor);
        List<String> channels = "own".equals(posted.first("mode")) ? posted.all("channel") : null;
        try {
            preferences.choose(actor, user, channels, locale);
        } catch (ValidationException e) {
            return render(request, HttpStatus.BAD_REQUEST, preferences.choice(user), locale,
                    new PageErrors(e.errors(), Map.of()), false);
        }
        return Pages.seeOther("/account/channels?saved=1");
    }

    private UserAccount user(Actor actor) {
        return users.findByUsername(actor.username()).orElseThrow();
    }

    private HttpResponse<?> render(HttpRequest<?> request, HttpStatus status, ChannelPreferences.Choice choice,
                                   Locale locale, PageErrors errors, boolean saved) {
        Map<String, Object> model = new LinkedHashMap<>();
        List<Map<String, Object>> channels = choice.available().stream().map(c -> {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("channel", c);
            one.put("label", ChannelPreferences.label(locale, c));
            one.put("checked", (choice.own() != null ? choice.own() : choice.inherited()).contains(c));
            return one;
        }).toList();
        model.put("channels", channels);
        model.put("own", choice.own() != null);
        model.put("inherited", labels(choice.inherited(), locale));
        model.put("effective", labels(choice.effective(), locale));
        model.put("errors", errors.model());
        model.put("saved", saved);
        return pages.render(request, status, "account-channels", model);
    }

    private static List<String> labels(java.util.Set<String> channels, Locale locale) {
        return channels.stream().map(c -> ChannelPreferences.label(locale, c)).toList();
    }
}
