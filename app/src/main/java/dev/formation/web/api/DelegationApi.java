package dev.formation.web.api;

import dev.formation.core.BadRequestException;
import dev.formation.security.AccessPolicy;
import dev.formation.security.Delegation;
import dev.formation.security.DelegationService;
import dev.formation.security.LoginService;
import dev.formation.web.RequestLocale;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code /api/delegations}: what I delegate ("given") and what is delegated to me ("received"). */
@Controller("/api/delegations")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class DelegationApi {

    private final DelegationService delegations;
    private final AccessPolicy access;

    private final Clock clock;

    public DelegationApi(DelegationService delegations, AccessPolicy access, Clock clock) {
        this.clock = clock;
        this.delegations = delegations;
        this.access = access;
    }

    @Get
    public Map<String, Object> list(Authentication authentication) {
        String me = authentication.getName();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("given", delegations.given(me).stream().map(this::view).toList());
        out.put("received", delegations.received(me).stream().map(this::view).toList());
        return out;
    }

    @Post
    @Consumes(MediaType.APPLICATION_JSON)
    public HttpResponse<Map<String, Object>> grant(HttpRequest<?> request, @Body byte[] body,
                                                   Authentication authentication) {
        Map<String, Object> json = JsonBodies.object(body);
        Delegation d = delegations.grant(LoginService.actor(authentication), (String) text(json, "delegate"),
                (String) text(json, "kind"), time(json, "starts_at", LocalDateTime.now(clock).truncatedTo(java.time.temporal.ChronoUnit.SECONDS)), time(json, "ends_at", null),
                RequestLocale.of(request));
        return HttpResponse.created(view(d));
    }

    @Delete("/{id}")
    public HttpResponse<?> revoke(long id, Authentication authentication) {
        var actor = LoginService.actor(authentication);
        delegations.revoke(id, actor, access.isAdmin(actor));
        return HttpResponse.noContent();
    }

    private static Object text(Map<String, Object> json, String key) {
        Object v = json.get(key);
        return v instanceof String ? v : null;
    }

    private static LocalDateTime time(Map<String, Object> json, String key, LocalDateTime fallback) {
        Object v = json.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            String s = v.toString();
            return s.length() == 10 ? java.time.LocalDate.parse(s).atStartOfDay() : LocalDateTime.parse(s);
        } catch (DateTimeParseException e) {
            throw new BadRequestException("problem.badParam", key, "YYYY-MM-DD or YYYY-MM-DDTHH:mm:ss");
        }
    }

    Map<String, Object> view(Delegation d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.id());
        m.put("principal", d.principal());
        m.put("delegate", d.delegate());
        m.put("kind", d.kind());
        m.put("starts_at", d.startsAt().toString());
        m.put("ends_at", d.endsAt().toString());
        m.put("revoked_at", d.revokedAt() == null ? null : d.revokedAt().toString());
        m.put("active", d.activeAt(LocalDateTime.now(clock)));
        return m;
    }
}
