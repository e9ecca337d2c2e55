package dev.formation.web.api;

import dev.formation.core.Actor;
import dev.formation.core.FieldError;
import dev.formation.core.ValidationException;
import dev.formation.flow.ChannelPreferences;
import dev.formation.i18n.Texts;
import dev.formation.security.LoginService;
import dev.formation.security.UserAccount;
import dev.formation.security.UserRepository;
import dev.formation.web.RequestLocale;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.MediaType;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code GET /api/me/notification-channels}: the channels this deployment has, the caller's own
 * choice (null for none), what their roles or the default give, what is in effect and why;
 * {@code PUT} with {@code {"channels": ["email"]}} sets their own choice ({@code []} for the
 * inbox only), {@code {"channels": null}} drops it.
 */
@Controller("/api/me/notification-channels")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class NotificationChannelsApi {

    private final ChannelPreferences preferences;
    private final UserRepository users;

    public NotificationChannelsApi(ChannelPreferences preferences, UserRepository users) {
        this.preferences = preferences;
        this.users = users;
    }

    @Get
    public Map<String, Object> show(HttpRequest<?> request, Authentication authentication) {
        Actor actor = LoginService.actor(authentication);
        return view(preferences.choice(user(actor)), RequestLocale.of(request));
    }

    @Put
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> choose(HttpRequest<?> request, @Body byte[] body, Authentication authentication) {
        Actor actor = LoginService.actor(authentication);
        Locale locale = RequestLocale.of(request);
        Map<String, Object> json = JsonBodies.object(body);
        if (!json.containsKey("channels")) {
            throw new ValidationException(List.of(new FieldError("channels", Texts.get(locale, "validation.required",
                    "channels"))));
        }
        Object named = json.get("channels");
        List<String> channels = null;
        if (named != null) {
            if (!(named instanceof List<?> list) || list.stream().anyMatch(c -> !(c instanceof String))) {
                throw new ValidationException(List.of(new FieldError("channels", Texts.get(locale, "validation.type",
                        "channels", Texts.get(locale, "validation.type.array")))));
            }
            channels = new ArrayList<>();
            for (Object c : list) {
                channels.add((String) c);
            }
        }
        return view(preferences.choose(actor, user(actor), channels, locale), locale);
    }

    private UserAccount user(Actor actor) {
        return users.findByUsername(actor.username()).orElseThrow();
    }

    static Map<String, Object> view(ChannelPreferences.Choice choice, Locale locale) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("available", choice.available().stream().map(c -> Map.of("channel", c,
                "label", ChannelPreferences.label(locale, c))).toList());
        out.put("own", choice.own() == null ? null : List.copyOf(choice.own()));
        out.put("inherited", List.copyOf(choice.inherited()));
        out.put("effective", List.copyOf(choice.effective()));
        out.put("source", choice.source().name().toLowerCase(Locale.ROOT));
        return out;
    }
}
