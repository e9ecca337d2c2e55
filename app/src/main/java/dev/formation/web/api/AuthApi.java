package dev.formation.web.api;

import dev.formation.core.TenantScope;
import dev.formation.i18n.Texts;
import dev.formation.security.LoginLog;
import dev.formation.security.LoginService;
import dev.formation.security.UserAccount;
import dev.formation.security.UserAdministration;
import dev.formation.tenant.Tenant;
import dev.formation.tenant.Tenants;
import dev.formation.web.ClientAddress;
import dev.formation.web.RequestLocale;
import dev.formation.web.error.Problem;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /api/login} {@code {"tenant","username","password"}} → a bearer token of that tenant
 * (without {@code tenant}: the request's, {@code default} unless a header or sub-domain names one); {@code GET /api/me} → who the token belongs to;
 * {@code POST /api/logout} ends the user's tokens.
 */
@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
public class AuthApi {

    private final LoginService logins;
    private final UserAdministration users;
    private final Tenants tenants;

    public AuthApi(LoginService logins, UserAdministration users, Tenants tenants) {
        this.tenants = tenants;
        this.logins = logins;
        this.users = users;
    }

    @Post("/login")
    @Consumes(MediaType.APPLICATION_JSON)
    @Secured(SecurityRule.IS_ANONYMOUS)
    public HttpResponse<?> login(HttpRequest<?> request, @Body byte[] body) {
        Map<String, Object> credentials = JsonBodies.object(body);
        Object named = credentials.get("tenant");
        String tenant = named instanceof String t && !t.isBlank() ? t.strip() : TenantScope.current();
        Optional<Tenant> found = tenants.find(tenant);
        if (found.isPresent() && !found.get().active()) {
            return Problem.of(HttpStatus.FORBIDDEN, Texts.get(RequestLocale.of(request), "tenant.suspended"));
        }
        if (found.isEmpty()) {
            return Problem.of(HttpStatus.UNAUTHORIZED, Texts.get(RequestLocale.of(request), "problem.badLogin"));
        }
        // the body's tenant: the user, the login log and the token are that tenant's
        return TenantScope.within(tenant, () -> login(request, credentials));
    }

    private HttpResponse<?> login(HttpRequest<?> request, Map<String, Object> credentials) {
        Object username = credentials.get("username");
        Object password = credentials.get("password");
        LoginService.Attempt attempt = logins.attempt(username instanceof String u ? u : null,
                password instanceof String p ? p : null, ClientAddress.of(request));
        Optional<UserAccount> user = attempt.user();
        if (user.isEmpty()) {
            String text = LoginLog.LOCKED.equals(attempt.outcome()) ? "problem.locked" : "problem.badLogin";
            return Problem.of(HttpStatus.UNAUTHORIZED, Texts.get(RequestLocale.of(request), text));
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("access_token", logins.token(user.get()));
        answer.put("token_type", "Bearer");
        answer.put("username", user.get().username());
        answer.put("name", user.get().name());
        if (!TenantScope.isDefault(TenantScope.current())) {
            answer.put("tenant", TenantScope.current());
        }
        return HttpResponse.ok(answer);
    }

    /** The user changes their own password: {@code {"old_password","new_password"}}. */
    @Post("/me/password")
    @Consumes(MediaType.APPLICATION_JSON)
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public HttpResponse<?> changePassword(HttpRequest<?> request, @Body byte[] body, Authentication authentication) {
        Map<String, Object> json = JsonBodies.object(body);
        var actor = LoginService.actor(authentication);
        var locale = RequestLocale.of(request);
        Object old = json.get("old_password");
        if (!(old instanceof String o) || !users.checkPassword(actor.username(), o)) {
            throw new dev.formation.core.ValidationException(java.util.List.of(new dev.formation.core.FieldError(
                    "old_password", Texts.get(locale, "problem.badPassword"))));
        }
        Object fresh = json.get("new_password");
        users.setPassword(actor, actor.username(), fresh instanceof String f ? f : null, locale, "new_password");
        return HttpResponse.noContent();
    }

    /** Ends every token of the user (this one included), on every device. */
    @Post("/logout")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public HttpResponse<?> logout(Authentication authentication) {
        logins.logout(authentication.getName());
        return HttpResponse.noContent();
    }

    @Get("/me")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public Map<String, Object> me(Authentication authentication) {
        var actor = LoginService.actor(authentication);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("username", actor.username());
        answer.put("name", actor.name());
        answer.put("department", actor.department());
        answer.put("roles", actor.roles());
        if (!TenantScope.isDefault(TenantScope.current())) {
            answer.put("tenant", TenantScope.current());
        }
        return answer;
    }
}
