package dev.formation.web.api;

import dev.formation.core.Actor;
import dev.formation.ownership.OwnerTimeline;
import dev.formation.ownership.Transfers;
import dev.formation.security.LoginService;
import dev.formation.web.RequestLocale;
import io.micronaut.http.HttpRequest;
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
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/forms/{form}/records/{id}/transfer} with {@code {"to", "reason"}} hands the
 * record to another person ({@link Transfers}); {@code GET …/owners/history} is who owned it when.
 */
@Controller("/api/forms/{form}/records")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class TransferApi {

    private final Transfers transfers;
    private final OwnerTimeline timeline;

    public TransferApi(Transfers transfers, OwnerTimeline timeline) {
        this.transfers = transfers;
        this.timeline = timeline;
    }

    @Post("/{id}/transfer")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> transfer(HttpRequest<?> request, String form, long id, @Body byte[] body,
                                        Authentication authentication) {
        Actor actor = LoginService.actor(authentication);
        Map<String, Object> json = JsonBodies.object(body);
        Transfers.Transferred done = transfers.transfer(form, id, text(json.get("to")), text(json.get("reason")), actor,
                RequestLocale.of(request));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", done.id());
        out.put("owner", done.owner());
        out.put("readable", done.readable());
        return out;
    }

    @Get("/{id}/owners/history")
    public List<Map<String, Object>> history(HttpRequest<?> request, String form, long id,
                                             Authentication authentication) {
        return timeline.of(form, id, LoginService.actor(authentication), RequestLocale.of(request));
    }

    /**
     * {@code POST /api/forms/{form}/records/transfer} with {@code {"ids": [..], "to", "reason"}}: each
     * record on its own; {@code transferred} and {@code refused} (with each one's status and why).
     */
    @Post("/transfer")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> transferAll(HttpRequest<?> request, String form, @Body byte[] body,
                                           Authentication authentication) {
        Actor actor = LoginService.actor(authentication);
        Map<String, Object> json = JsonBodies.object(body);
        List<Long> ids = new java.util.ArrayList<>();
        if (json.get("ids") instanceof List<?> list) {
            for (Object id : list) {
                if (id instanceof Number n && n.longValue() > 0) {
                    ids.add(n.longValue());
                }
            }
        }
        Transfers.Batch batch = transfers.transferAll(form, ids, text(json.get("to")), text(json.get("reason")), actor,
                RequestLocale.of(request));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("transferred", batch.transferred().stream().map(t -> Map.of("id", t.id(), "owner", t.owner(),
                "readable", t.readable())).toList());
        out.put("refused", batch.refused().stream().map(r -> {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("id", r.id());
            one.put("status", r.status());
            if (r.message() != null) {
                one.put("title", r.message());
            }
            if (!r.errors().isEmpty()) {
                one.put("errors", r.errors().stream().map(e -> Map.of("field", e.field(), "message", e.message()))
                        .toList());
            }
            return one;
        }).toList());
        return out;
    }

    /** A text value of the body; anything else is as good as missing (the service names the field). */
    private static String text(Object value) {
        return value instanceof String s ? s : null;
    }
}
