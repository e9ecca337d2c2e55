package dev.formation.web.api;

import dev.formation.core.BadRequestException;
import dev.formation.security.AuditQuery;
import dev.formation.security.LoginLog;
import dev.formation.security.LoginService;
import dev.formation.security.UserAdministration;
import dev.formation.web.RequestLocale;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Administration: users, departments, teams, the operation log and the login log. */
@Controller("/api")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class AdminApi {

    private final UserAdministration admin;
    private final AuditQuery audit;
    private final LoginLog logins;

    public AdminApi(UserAdministration admin, AuditQuery audit, LoginLog logins) {
        this.admin = admin;
        this.audit = audit;
        this.logins = logins;
    }

    @Get("/users")
    public List<Map<String, Object>> users(Authentication authentication) {
        return admin.users(LoginService.actor(authentication));
    }

    @Get("/users/{username}")
    public Map<String, Object> user(String username, Authentication authentication) {
        return admin.user(LoginService.actor(authentication), username);
    }

    @Post("/users")
    @Consumes(MediaType.APPLICATION_JSON)
    public HttpResponse<Map<String, Object>> createUser(HttpRequest<?> request, @Body byte[] body,
                                                        Authentication authentication) {
        return HttpResponse.created(admin.create(LoginService.actor(authentication), JsonBodies.object(body),
                RequestLocale.of(request)));
    }

    @Patch("/users/{username}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> updateUser(HttpRequest<?> request, String username, @Body byte[] body,
                                          Authentication authentication) {
        return admin.update(LoginService.actor(authentication), username, JsonBodies.object(body),
                RequestLocale.of(request));
    }

    /** An administrator sets a new password for a user. */
    @Post("/users/{username}/password")
    @Consumes(MediaType.APPLICATION_JSON)
    public HttpResponse<?> resetPassword(HttpRequest<?> request, String username, @Body byte[] body,
                                         Authentication authentication) {
        var actor = LoginService.actor(authentication);
        admin.requireAdmin(actor);
        Object password = JsonBodies.object(body).get("password");
        admin.resetPassword(actor, username, password instanceof String p ? p : null, RequestLocale.of(request));
        return HttpResponse.noContent();
    }

    /** An administrator lifts a user's login lockout, from every client address. */
    @Post("/users/{username}/unlock")
    public HttpResponse<?> unlock(String username, Authentication authentication) {
        admin.unlock(LoginService.actor(authentication), username);
        return HttpResponse.noContent();
    }

    @Get("/departments")
    public List<Map<String, Object>> departments(Authentication authentication) {
        return admin.departments(LoginService.actor(authentication));
    }

    @Post("/departments")
    @Consumes(MediaType.APPLICATION_JSON)
    public HttpResponse<Map<String, Object>> createDepartment(HttpRequest<?> request, @Body byte[] body,
                                                              Authentication authentication) {
        return HttpResponse.created(admin.createDepartment(LoginService.actor(authentication),
                JsonBodies.object(body), RequestLocale.of(request)));
    }

    @Get("/teams")
    public List<Map<String, Object>> teams(Authentication authentication) {
        return admin.teams(LoginService.actor(authentication));
    }

    /** The operation log: {@code from}/{@code to} are dates (to exclusive of the next day) or date-times. */
    @Get("/audit")
    public Map<String, Object> audit(@Nullable @QueryValue String user, @Nullable @QueryValue String form,
                                     @Nullable @QueryValue Long record, @Nullable @QueryValue String from,
                                     @Nullable @QueryValue String to, @Nullable @QueryValue Integer page,
                                     @Nullable @QueryValue Integer size, Authentication authentication) {
        admin.requireAdmin(LoginService.actor(authentication));
        int p = page == null ? 1 : Math.max(page, 1);
        int s = size == null ? 50 : Math.min(Math.max(size, 1), 200);
        var result = audit.search(new AuditQuery.Filter(blank(user), blank(form), record, time("from", from, false),
                time("to", to, true)), p, s);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("items", result.items());
        out.put("total", result.total());
        out.put("page", p);
        out.put("size", s);
        return out;
    }

    @Get("/login-log")
    public List<Map<String, Object>> loginLog(@Nullable @QueryValue String user, Authentication authentication) {
        admin.requireAdmin(LoginService.actor(authentication));
        return logins.recent(blank(user), 200);
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static LocalDateTime time(String name, String value, boolean endOfDay) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            if (value.length() == 10) {
                LocalDate date = LocalDate.parse(value);
                return endOfDay ? date.plusDays(1).atStartOfDay() : date.atStartOfDay();
            }
            return LocalDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw new BadRequestException("problem.badParam", name, "YYYY-MM-DD or YYYY-MM-DDTHH:mm:ss");
        }
    }
}
