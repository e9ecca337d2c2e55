package dev.formation.web.api;

import dev.formation.flow.FlowPublication;
import dev.formation.flow.FlowStarter;
import dev.formation.flow.InstanceView;
import dev.formation.flow.Notifications;
import dev.formation.flow.TaskActions;
import dev.formation.core.Actor;
import dev.formation.security.LoginService;
import dev.formation.store.Tx;
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
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Flow definitions (and taking one out of service), instances and their timeline, notifications. */
@Controller("/api")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class FlowApi {

    private final FlowPublication publication;
    private final InstanceView views;
    private final FlowStarter starter;
    private final TaskActions actions;
    private final Notifications notifications;
    private final Tx tx;

    private final Clock clock;

    public FlowApi(FlowPublication publication, InstanceView views, FlowStarter starter, TaskActions actions,
                   Notifications notifications, Tx tx, Clock clock) {
        this.clock = clock;
        this.publication = publication;
        this.views = views;
        this.starter = starter;
        this.actions = actions;
        this.notifications = notifications;
        this.tx = tx;
    }

    @Get("/flows")
    public List<Map<String, Object>> flows(HttpRequest<?> request, Authentication authentication) {
        return publication.list(LoginService.actor(authentication), RequestLocale.of(request));
    }

    @Post("/flows/{key}/unpublish")
    public HttpResponse<?> unpublish(String key, Authentication authentication) {
        publication.unpublish(key, LoginService.actor(authentication));
        return HttpResponse.noContent();
    }

    @Post("/flows/{key}/publish")
    public HttpResponse<?> publish(String key, Authentication authentication) {
        publication.publish(key, LoginService.actor(authentication));
        return HttpResponse.noContent();
    }

    @Get("/flows/instances/{id}")
    public Map<String, Object> instance(HttpRequest<?> request, long id, Authentication authentication) {
        return views.view(id, LoginService.actor(authentication), RequestLocale.of(request));
    }

    @Post("/flows/instances/{id}/withdraw")
    public Map<String, Object> withdraw(HttpRequest<?> request, long id, Authentication authentication) {
        Actor actor = LoginService.actor(authentication);
        var locale = RequestLocale.of(request);
        starter.withdraw(id, actor, locale);
        return views.view(id, actor, locale);
    }

    @Post("/flows/instances/{id}/resubmit")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> resubmit(HttpRequest<?> request, long id, @Nullable @Body byte[] body,
                                        Authentication authentication) {
        Actor actor = LoginService.actor(authentication);
        var locale = RequestLocale.of(request);
        starter.resubmit(id, TaskApi.body(body), actor, locale);
        return views.view(id, actor, locale);
    }

    /** {@code {"comment":"…","attachments":["file id"]}}. */
    @Post("/flows/instances/{id}/comments")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> comment(HttpRequest<?> request, long id, @Body byte[] body,
                                       Authentication authentication) {
        Actor actor = LoginService.actor(authentication);
        var locale = RequestLocale.of(request);
        Map<String, Object> in = JsonBodies.object(body);
        List<String> attachments = new ArrayList<>();
        if (in.get("attachments") instanceof List<?> list) {
            list.forEach(a -> attachments.add(String.valueOf(a)));
        }
        actions.comment(id, actor, TaskApi.text(in, "comment"), attachments, views.participates(id, actor), locale);
        return views.view(id, actor, locale);
    }

    @Get("/notifications")
    public List<Map<String, Object>> notifications(Authentication authentication) {
        String me = LoginService.actor(authentication).username();
        return tx.read(c -> notifications.recent(me, 50));
    }

    /** Marks one notification read ({@code {"id":1}}) or all of them ({@code {}}). */
    @Post("/notifications/read")
    @Consumes(MediaType.APPLICATION_JSON)
    public HttpResponse<?> read(@Nullable @Body byte[] body, Authentication authentication) {
        String me = LoginService.actor(authentication).username();
        Long id = JsonBodies.optionalLong(TaskApi.body(body), "id");
        LocalDateTime now = LocalDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS);
        tx.write(c -> {
            notifications.markRead(me, id, now);
            return null;
        });
        return HttpResponse.noContent();
    }
}
