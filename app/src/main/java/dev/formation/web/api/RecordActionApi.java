package dev.formation.web.api;

import dev.formation.core.BadRequestException;
import dev.formation.flow.FlowInstance;
import dev.formation.flow.FlowStarter;
import dev.formation.flow.InstanceView;
import dev.formation.flow.RoutePreview;
import dev.formation.core.Actor;
import dev.formation.security.LoginService;
import dev.formation.web.RequestLocale;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Record actions that flows define (submit, withdraw, apply_owner, deactivate...), the route a
 * flow would take, and change requests.
 */
@Controller("/api/forms/{form}/records/{id}")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class RecordActionApi {

    private final FlowStarter starter;
    private final RoutePreview preview;
    private final InstanceView views;

    public RecordActionApi(FlowStarter starter, RoutePreview preview, InstanceView views) {
        this.starter = starter;
        this.preview = preview;
        this.views = views;
    }

    @Post("/actions/{action}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> act(HttpRequest<?> request, String form, long id, String action,
                                   @Nullable @Body byte[] body, Authentication authentication) {
        Actor actor = LoginService.actor(authentication);
        var locale = RequestLocale.of(request);
        Map<String, Object> input = JsonBodies.optionalObject(body);
        FlowInstance instance = starter.act(form, id, action, input, actor, locale);
        return views.view(instance.id(), actor, locale);
    }

    @Get("/actions/{action}/route")
    public Map<String, Object> route(HttpRequest<?> request, String form, long id, String action,
                                     @Nullable @QueryValue String assignee, Authentication authentication) {
        return preview.preview(form, id, action, assignee, LoginService.actor(authentication), RequestLocale.of(request));
    }

    @Post("/change-requests")
    @Consumes(MediaType.APPLICATION_JSON)
    @SuppressWarnings("unchecked")
    public HttpResponse<Map<String, Object>> changeRequest(HttpRequest<?> request, String form, long id,
                                                           @Body byte[] body, Authentication authentication) {
        Actor actor = LoginService.actor(authentication);
        var locale = RequestLocale.of(request);
        Map<String, Object> input = JsonBodies.object(body);
        if (input.get("changes") != null && !(input.get("changes") instanceof Map)) {
            throw new BadRequestException("problem.badParam", "changes", "{\"field\": value}");
        }
        Map<String, Object> changes = (Map<String, Object>) input.getOrDefault("changes", Map.of());
        List<String> attachments = new ArrayList<>();
        if (input.get("attachments") instanceof List<?> list) {
            list.forEach(a -> attachments.add(a instanceof Map<?, ?> m ? String.valueOf(m.get("id")) : String.valueOf(a)));
        } else if (input.get("attachments") != null) {
            throw new BadRequestException("problem.badParam", "attachments", "[\"file id\"]");
        }
        FlowInstance instance = starter.requestChange(form, id, changes, attachments, actor, locale);
        return HttpResponse.created(views.view(instance.id(), actor, locale),
                URI.create("/api/flows/instances/" + instance.id()));
    }
}
