package dev.formation.web.page.account;

import dev.formation.core.TenantScope;
import dev.formation.i18n.Texts;
import dev.formation.security.LoginLog;
import dev.formation.security.LoginService;
import dev.formation.tenant.Tenant;
import dev.formation.tenant.TenantResolution;
import dev.formation.tenant.Tenants;
import dev.formation.web.ClientAddress;
import dev.formation.web.RequestLocale;
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
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;

import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Logging in and out, and choosing the language: the pages a visitor reaches before logging in. */
@Controller
@Produces(MediaType.TEXT_HTML)
@ExecuteOn(TaskExecutors.BLOCKING)
public class LoginPage {

    private static final Duration LANG_AGE = Duration.ofDays(365);

    private final LoginService logins;
    private final TokenCookies cookies;
    private final Pages pages;

    private final Tenants tenants;
    private final TenantResolution resolution;

    public LoginPage(LoginService logins, TokenCookies cookies, Pages pages, Tenants tenants,
                     TenantResolution resolution) {
        this.tenants = tenants;
        this.resolution = resolution;
        this.logins = logins;
        this.cookies = cookies;
        this.pages = pages;
    }

    @Get("/login")
    @Secured(SecurityRule.IS_ANONYMOUS)
    public HttpResponse<?> form(HttpRequest<?> request, @Nullable @QueryValue String next) {
        if (request.getUserPrincipal(Authentication.class).isPresent()) {
            return Pages.seeOther(Pages.localPath(next));
        }
        return page(request, HttpStatus.OK, Pages.localPath(next), "", null);
    }

    @Post("/login")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Secured(SecurityRule.IS_ANONYMOUS)
    public HttpResponse<?> login(HttpRequest<?> request, Locale locale, FormBody form) {
        String next = Pages.localPath(form.first("next"));
        String username = form.first("username");
        // the login page's tenant field; a sub-domain (or X-Tenant) already chose the tenant of the request
        String field = form.first("tenant");
        String tenant = field == null || field.isBlank() || resolution.named(request).isPresent()
                ? TenantScope.current() : field.strip();
        Optional<Tenant> found = tenants.find(tenant);
        if (found.isEmpty() || !found.get().active()) {
            String text = found.isEmpty() ? "problem.badLogin" : "tenant.suspended";
            HttpStatus status = found.isEmpty() ? HttpStatus.UNAUTHORIZED : HttpStatus.FORBIDDEN;
            return page(request, status, next, username, Texts.get(locale, text));
        }
        return TenantScope.within(tenant, () -> {
            LoginService.Attempt attempt = logins.attempt(username, form.first("password"), ClientAddress.of(request));
            if (!attempt.ok()) {
                String text = LoginLog.LOCKED.equals(attempt.outcome()) ? "problem.locked" : "problem.badLogin";
                return page(request, HttpStatus.UNAUTHORIZED, next, username, Texts.get(locale, text));
            }
            return Pages.seeOther(next).cookie(cookies.issue(attempt.user().get().username()));
        });
    }

    @Post("/logout")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public HttpResponse<?> logout(Authentication authentication) {
        // the token itself ends, not just this browser's copy of it
        logins.logout(authentication.getName());
        return Pages.seeOther("/login").cookie(TokenCookies.cleared());
    }

    @Get("/lang")
    @Secured(SecurityRule.IS_ANONYMOUS)
    public HttpResponse<?> language(@Nullable @QueryValue String to, @Nullable @QueryValue String next) {
        String tag = Texts.supported(Locale.forLanguageTag(to == null ? "" : to)).toLanguageTag();
        return Pages.seeOther(Pages.localPath(next)).cookie(Cookie.of(RequestLocale.COOKIE, tag)
                .path("/").sameSite(SameSite.Lax).maxAge(LANG_AGE));
    }

    private HttpResponse<?> page(HttpRequest<?> request, HttpStatus status, String next, String username,
                                 String error) {
        Map<String, Object> model = new HashMap<>();
        model.put("next", next);
        model.put("username", username == null ? "" : username);
        // the tenant field only where there are tenants and the host does not name one already
        boolean named = resolution.bySubdomain(request).isPresent();
        model.put("tenantField", !named && !tenants.all().isEmpty());
        String tenant = TenantScope.current();
        model.put("tenant", TenantScope.isDefault(tenant) ? "" : tenant);
        if (error != null) {
            model.put("error", error);
        }
        return pages.render(request, status, "login", model);
    }
}
