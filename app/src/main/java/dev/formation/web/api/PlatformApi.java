package dev.formation.web.api;

import dev.formation.security.LoginService;
import dev.formation.tenant.PlatformAdministration;
import dev.formation.tenant.TenantProvisioning;
import dev.formation.web.RequestLocale;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
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

import java.util.List;
import java.util.Map;

/**
 * The platform's tenants, for platform administrators (users of the tenant {@code default} in the
 * platform's list): {@code POST /api/platform/tenants} {@code {"key","name","admin":{"username","password"}}}
 * provisions one (201), {@code GET} lists them with user and record counts, {@code POST
 * …/{key}/suspend} and {@code …/resume} refuse and allow its logins and requests again.
 */
@Controller("/api/platform/tenants")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class PlatformApi {

    private final PlatformAdministration platform;

    public PlatformApi(PlatformAdministration platform) {
        this.platform = platform;
    }

    @Get
    public List<Map<String, Object>> list(Authentication authentication) {
        return platform.list(LoginService.actor(authentication));
    }

    @Get("/{key}")
    public Map<String, Object> get(String key, Authentication authentication) {
        return platform.get(LoginService.actor(authentication), key);
    }

    @Post
    @Consumes(MediaType.APPLICATION_JSON)
    public HttpResponse<?> provision(HttpRequest<?> request, @Body byte[] body, Authentication authentication) {
        Map<String, Object> json = JsonBodies.object(body);
        Map<?, ?> admin = json.get("admin") instanceof Map<?, ?> m ? m : Map.of();
        TenantProvisioning.Request wanted = new TenantProvisioning.Request(text(json.get("key")),
                text(json.get("name")), text(admin.get("username")), text(admin.get("password")));
        Map<String, Object> made = platform.provision(LoginService.actor(authentication), wanted,
                RequestLocale.of(request));
        return HttpResponse.created(made);
    }

    @Post("/{key}/suspend")
    public Map<String, Object> suspend(String key, Authentication authentication) {
        return platform.suspend(LoginService.actor(authentication), key);
    }

    @Post("/{key}/resume")
    public Map<String, Object> resume(String key, Authentication authentication) {
        return platform.resume(LoginService.actor(authentication), key);
    }

    private static String text(Object value) {
        return value instanceof String s ? s : null;
    }
}
