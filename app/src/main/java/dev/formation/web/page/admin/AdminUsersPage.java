package dev.formation.web.page.admin;

import dev.formation.core.Actor;
import dev.formation.core.ValidationException;
import dev.formation.i18n.Texts;
import dev.formation.metadata.MetadataHolder;
import dev.formation.security.Directory;
import dev.formation.security.LoginService;
import dev.formation.security.RoleCatalog;
import dev.formation.security.UserAdministration;
import dev.formation.web.RequestLocale;
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
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * User administration: {@code /admin/users} lists users, {@code /admin/users/new} adds one,
 * {@code /admin/users/{username}} edits one, {@code .../password} resets its password and
 * {@code .../unlock} lifts its login lockout.
 * The user administration refuses anyone who is not an administrator (403).
 */
@Controller("/admin/users")
@Produces(MediaType.TEXT_HTML)
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class AdminUsersPage {

    private static final DateTimeFormatter UNTIL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final UserAdministration admin;
    private final Directory directory;
    private final MetadataHolder metadata;
    private final Pages pages;

    public AdminUsersPage(UserAdministration admin, Directory directory, MetadataHolder metadata, Pages pages) {
        this.admin = admin;
        this.directory = directory;
        this.metadata = metadata;
        this.pages = pages;
    }

    @Get
    public HttpResponse<?> list(HttpRequest<?> request, Locale locale, Actor actor) {
        List<Map<String, Object>> users = admin.users(actor);
        Map<String, String> names = directory.userNames();
        Map<String, String> departments = directory.departmentNames();
        List<Map<String, Object>> rows = users.stream().map(u -> {
            Map<String, Object> row = new LinkedHashMap<>();
            String username = (String) u.get("username");
            row.put("username", username);
            row.put("name", u.get("name") == null ? "" : u.get("name"));
            row.put("department", u.get("department") == null ? ""
                    : departments.getOrDefault((String) u.get("department"), (String) u.get("department")));
            row.put("supervisor", u.get("supervisor") == null ? ""
                    : names.getOrDefault((String) u.get("supervisor"), (String) u.get("supervisor")));
            row.put("roles", AdminUserForm.roleLabels(u.get("roles"), roles(), locale));
            row.put("enabled", Boolean.TRUE.equals(u.get("enabled")));
            row.put("href", "/admin/users/" + encode(username));
            return row;
        }).toList();
        return pages.ok(request, "admin-users", Map.of("users", rows));
    }

    @Get("/new")
    public HttpResponse<?> blank(HttpRequest<?> request, Actor actor) {
        admin.requireAdmin(actor);
        return render(request, HttpStatus.OK, Map.of("enabled", true), true, PageErrors.none(), PageErrors.none(),
                null);
    }

    @Post("/new")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> create(HttpRequest<?> request, Locale locale, FormBody posted, Actor actor) {
        Map<String, Object> input = AdminUserForm.read(posted, true);
        try {
            Map<String, Object> created = admin.create(actor, input, locale);
            return Pages.seeOther("/admin/users/" + encode((String) created.get("username")) + "?saved=1");
        } catch (ValidationException e) {
            input.remove("password");
            return render(request, HttpStatus.BAD_REQUEST, input, true,
                    new PageErrors(e.errors(), AdminUserForm.labels(locale)), PageErrors.none(), null);
        }
    }

    @Get("/{username}")
    public HttpResponse<?> edit(HttpRequest<?> request, String username, @Nullable @QueryValue String saved,
                                @Nullable @QueryValue String reset, @Nullable @QueryValue String unlocked,
                                Actor actor) {
        Map<String, Object> user = admin.user(actor, username);
        String notice = saved != null ? "page.users.saved" : reset != null ? "page.users.passwordReset"
                : unlocked != null ? "page.users.unlocked" : null;
        return render(request, HttpStatus.OK, user, false, PageErrors.none(), PageErrors.none(), notice);
    }

    @Post("/{username}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> update(HttpRequest<?> request, Locale locale, String username, FormBody posted,
                                  Actor actor) {
        Map<String, Object> input = AdminUserForm.read(posted, false);
        try {
            admin.update(actor, username, input, locale);
            return Pages.seeOther("/admin/users/" + encode(username) + "?saved=1");
        } catch (ValidationException e) {
            Map<String, Object> values = new LinkedHashMap<>(admin.user(actor, username));
            values.putAll(input);
            return render(request, HttpStatus.BAD_REQUEST, values, false,
                    new PageErrors(e.errors(), AdminUserForm.labels(locale)), PageErrors.none(), null);
        }
    }

    @Post("/{username}/password")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> resetPassword(HttpRequest<?> request, Locale locale, String username, FormBody posted,
                                         Actor actor) {
        // setting one's own password needs no admin right, but here it skips the current password: admins only
        admin.requireAdmin(actor);
        try {
            admin.resetPassword(actor, username, posted.first("password"), locale);
            return Pages.seeOther("/admin/users/" + encode(username) + "?reset=1");
        } catch (ValidationException e) {
            return render(request, HttpStatus.BAD_REQUEST, admin.user(actor, username), false, PageErrors.none(),
                    new PageErrors(e.errors(), Map.of("password", Texts.get(locale, "page.users.newPassword"))), null);
        }
    }

    /** Lifts the user's login lockout (the button shows while there is one). */
    @Post("/{username}/unlock")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> unlock(String username, Actor actor) {
        admin.unlock(actor, username);
        return Pages.seeOther("/admin/users/" + encode(username) + "?unlocked=1");
    }

    private HttpResponse<?> render(HttpRequest<?> request, HttpStatus status, Map<String, Object> values,
                                   boolean isNew, PageErrors errors, PageErrors passwordErrors, String notice) {
        Locale locale = RequestLocale.of(request);
        Map<String, Object> model = new LinkedHashMap<>(AdminUserForm.model(values, isNew, directory.userNames(),
                directory.departmentNames(), roles(), locale));
        model.put("errors", errors.model());
        model.put("passwordErrors", passwordErrors.model());
        model.put("notice", notice == null ? "" : notice);
        model.put("locks", isNew ? List.of() : locks(request, (String) values.get("username")));
        return pages.render(request, status, "admin-user", model);
    }

    /** The user's login locks, for the page: the address and until when (local time, to the minute). */
    private List<Map<String, String>> locks(HttpRequest<?> request, String username) {
        Actor actor = request.getUserPrincipal(Authentication.class).map(LoginService::actor).orElseThrow();
        return admin.locks(actor, username).stream().map(lock -> Map.of("address", lock.clientAddress(),
                "until", UNTIL.format(lock.until()))).toList();
    }

    /** Usernames are plain ASCII by rule; encoding still keeps a stored oddity from breaking the link. */
    private static String encode(String username) {
        return URLEncoder.encode(username, StandardCharsets.UTF_8);
    }

    private RoleCatalog roles() {
        return metadata.current().get(RoleCatalog.class);
    }
}
