package dev.formation.web.api;

import dev.formation.core.BadRequestException;
import dev.formation.record.RecordHistory;
import dev.formation.record.SharingService;
import dev.formation.security.LoginService;
import dev.formation.web.RequestLocale;
import io.micronaut.http.HttpRequest;
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

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A record's history, shares and owners. */
@Controller("/api/forms/{form}/records/{id}")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class RecordAccessApi {

    private final SharingService sharing;
    private final RecordHistory history;

    public RecordAccessApi(SharingService sharing, RecordHistory history) {
        this.sharing = sharing;
        this.history = history;
    }

    @Get("/history")
    public List<Map<String, Object>> history(String form, long id, Authentication authentication) {
        return history.of(form, id, LoginService.actor(authentication));
    }

    @Get("/shares")
    public Map<String, Object> shares(String form, long id, Authentication authentication) {
        return sharing.shares(form, id, LoginService.actor(authentication));
    }

    @Post("/shares")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> share(HttpRequest<?> request, String form, long id, @Body byte[] body,
                                     Authentication authentication) {
        Map<String, Object> json = JsonBodies.object(body);
        return sharing.share(form, id, names(json.get("users")), names(json.get("departments")),
                LoginService.actor(authentication), RequestLocale.of(request));
    }

    @Delete("/shares")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> unshare(String form, long id, @Body byte[] body, Authentication authentication) {
        Map<String, Object> json = JsonBodies.object(body);
        return sharing.unshare(form, id, names(json.get("users")), names(json.get("departments")),
                LoginService.actor(authentication));
    }

    @Get("/owners")
    public List<String> owners(String form, long id, Authentication authentication) {
        return sharing.owners(form, id, LoginService.actor(authentication));
    }

    static Set<String> names(Object value) {
        Set<String> out = new LinkedHashSet<>();
        if (value == null) {
            return out;
        }
        if (!(value instanceof List<?> list)) {
            throw new BadRequestException("problem.badParam", "users/departments", "a list of names");
        }
        for (Object item : list) {
            if (!(item instanceof String s) || s.isBlank()) {
                throw new BadRequestException("problem.badParam", "users/departments", "a list of names");
            }
            out.add(s.trim());
        }
        return out;
    }
}
