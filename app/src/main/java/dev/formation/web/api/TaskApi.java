package dev.formation.web.api;

import dev.formation.core.BadRequestException;
import dev.formation.flow.Inbox;
import dev.formation.flow.InstanceView;
import dev.formation.flow.TaskActions;
import dev.formation.core.Actor;
import dev.formation.security.LoginService;
import dev.formation.web.RequestLocale;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
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

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The inbox and what an approver does with a task. Every action answers with the instance as it now is. */
@Controller("/api/tasks")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class TaskApi {

    private final Inbox inbox;
    private final TaskActions actions;
    private final InstanceView views;

    public TaskApi(Inbox inbox, TaskActions actions, InstanceView views) {
        this.inbox = inbox;
        this.actions = actions;
        this.views = views;
    }

    /** {@code box=pending|done|mine|cc}; for mine also {@code status} and {@code flow}. */
    @Get
    public Map<String, Object> list(HttpRequest<?> request, @Nullable @QueryValue String box,
                                    @Nullable @QueryValue String status, @Nullable @QueryValue String flow,
                                    @Nullable @QueryValue Integer page, @Nullable @QueryValue Integer size,
                                    Authentication authentication) {
        return inbox.list(query(box, status, flow, page, size), LoginService.actor(authentication),
                RequestLocale.of(request));
    }

    @Get("/counts")
    public Map<String, Object> counts(Authentication authentication) {
        Inbox.Counts c = inbox.counts(LoginService.actor(authentication));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("pending", c.pending());
        out.put("cc_unread", c.ccUnread());
        out.put("notifications_unread", c.notificationsUnread());
        return out;
    }

    @Post("/{id}/approve")
    @Consumes(MediaType.APPLICATION_JSON)
    @SuppressWarnings("unchecked")
    public Map<String, Object> approve(HttpRequest<?> request, long id, @Nullable @Body byte[] body,
                                       Authentication authentication) {
        Map<String, Object> in = body(body);
        Object fields = in.getOrDefault("fields", Map.of());
        if (!(fields instanceof Map)) {
            throw new BadRequestException("problem.badParam", "fields", "{\"field\": value}");
        }
        return respond(request, authentication, (actor, locale) -> actions.approve(id, actor, text(in, "comment"),
                (Map<String, Object>) fields, version(in), locale).id());
    }

    @Post("/{id}/reject")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> reject(HttpRequest<?> request, long id, @Nullable @Body byte[] body,
                                      Authentication authentication) {
        Map<String, Object> in = body(body);
        return respond(request, authentication, (actor, locale) -> actions.reject(id, actor, text(in, "comment"),
                text(in, "to"), version(in), locale).id());
    }

    @Post("/{id}/transfer")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> transfer(HttpRequest<?> request, long id, @Body byte[] body,
                                        Authentication authentication) {
        Map<String, Object> in = JsonBodies.object(body);
        return respond(request, authentication, (actor, locale) -> actions.transfer(id, actor, text(in, "to"),
                text(in, "comment"), version(in), locale).id());
    }

    /** {@code {"users":["u"],"position":"before|after|parallel","comment":"…"}}. */
    @Post("/{id}/add-approver")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> addApprover(HttpRequest<?> request, long id, @Body byte[] body,
                                           Authentication authentication) {
        Map<String, Object> in = JsonBodies.object(body);
        List<String> users = new ArrayList<>();
        if (in.get("users") instanceof List<?> list) {
            list.forEach(u -> users.add(String.valueOf(u)));
        } else if (in.get("user") != null) {
            users.add(String.valueOf(in.get("user")));
        }
        TaskActions.Position position;
        try {
            position = TaskActions.Position.valueOf(String.valueOf(in.getOrDefault("position", "after"))
                    .toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("problem.badParam", "position", "before, after, parallel");
        }
        return respond(request, authentication, (actor, locale) -> actions.addApprovers(id, actor, users, position,
                text(in, "comment"), version(in), locale).id());
    }

    @Post("/{id}/urge")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> urge(HttpRequest<?> request, long id, @Nullable @Body byte[] body,
                                    Authentication authentication) {
        Map<String, Object> in = body(body);
        return respond(request, authentication, (actor, locale) -> actions.urge(id, actor, text(in, "comment"),
                locale).id());
    }

    @FunctionalInterface
    private interface Action {
        long run(Actor actor, Locale locale);
    }

    private Map<String, Object> respond(HttpRequest<?> request, Authentication authentication, Action action) {
        Actor actor = LoginService.actor(authentication);
        Locale locale = RequestLocale.of(request);
        long instanceId = action.run(actor, locale);
        return views.view(instanceId, actor, locale);
    }

    static Inbox.Query query(String box, String status, String flow, Integer page, Integer size) {
        Inbox.Box b;
        try {
            b = box == null || box.isBlank() ? Inbox.Box.PENDING : Inbox.Box.valueOf(box.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("problem.badParam", "box", "pending, done, mine, cc");
        }
        if (size != null && (size < 1 || size > 200)) {
            throw new BadRequestException("problem.badParam", "size", "1..200");
        }
        if (page != null && page < 1) {
            throw new BadRequestException("problem.badParam", "page", ">= 1");
        }
        if (status != null && !status.isBlank() && !List.of("running", "returned", "approved", "withdrawn").contains(status)) {
            throw new BadRequestException("problem.badParam", "status", "running, returned, approved, withdrawn");
        }
        return new Inbox.Query(b, status, flow, page == null ? 1 : page, size == null ? 20 : size);
    }

    static Map<String, Object> body(byte[] body) {
        return JsonBodies.optionalObject(body);
    }

    /** A text value; a number or true/false reads as its text, a list or object is a 400 naming the key. */
    static String text(Map<String, Object> in, String key) {
        Object v = in.get(key);
        if (v instanceof Map<?, ?> || v instanceof List<?>) {
            throw new BadRequestException("problem.notText", key);
        }
        return v == null ? null : v.toString();
    }

    private static Long version(Map<String, Object> in) {
        return JsonBodies.optionalLong(in, "version");
    }
}
