package dev.formation.web.page.admin;

import dev.formation.core.Actor;
import dev.formation.i18n.Texts;
import dev.formation.security.Directory;
import dev.formation.security.LoginLog;
import dev.formation.security.UserAdministration;
import dev.formation.web.page.Choices;
import dev.formation.web.page.Pages;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
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

/** {@code GET /admin/logins}: the latest login attempts, of everyone or of one user. */
@Controller("/admin/logins")
@Produces(MediaType.TEXT_HTML)
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class AdminLoginsPage {

    private static final int LIMIT = 200;
    private static final Map<String, String> OUTCOME_CSS = Map.of(LoginLog.SUCCESS, "is-success is-light",
            LoginLog.FAILURE, "is-danger is-light", LoginLog.LOCKED, "is-warning is-light",
            LoginLog.DISABLED, "is-dark is-light", LoginLog.UNLOCKED, "is-info is-light");

    private final UserAdministration admin;
    private final LoginLog logins;
    private final Directory directory;
    private final Pages pages;

    public AdminLoginsPage(UserAdministration admin, LoginLog logins, Directory directory, Pages pages) {
        this.admin = admin;
        this.logins = logins;
        this.directory = directory;
        this.pages = pages;
    }

    @Get
    public HttpResponse<?> list(HttpRequest<?> request, Locale locale, @Nullable @QueryValue String user,
                                Actor actor) {
        admin.requireAdmin(actor);
        String who = user == null || user.isBlank() ? null : user.strip();
        Map<String, String> names = directory.userNames();
        List<Map<String, Object>> rows = logins.recent(who, LIMIT).stream().map(e -> {
            Map<String, Object> row = new LinkedHashMap<>();
            String at = String.valueOf(e.get("at")).replace('T', ' ');
            row.put("at", at.length() > 19 ? at.substring(0, 19) : at);
            String username = String.valueOf(e.get("user"));
            // a failed attempt may name no real user: show what was typed
            row.put("user", names.getOrDefault(username, ""));
            row.put("username", username);
            String outcome = String.valueOf(e.get("outcome"));
            row.put("outcome", Texts.get(locale, "page.logins.outcome." + outcome));
            row.put("css", OUTCOME_CSS.getOrDefault(outcome, ""));
            row.put("address", e.get("client_address") == null ? "" : e.get("client_address"));
            return row;
        }).toList();
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("entries", rows);
        model.put("users", Choices.of(names, List.of(who == null ? "" : who)));
        model.put("limit", LIMIT);
        return pages.ok(request, "admin-logins", model);
    }
}
