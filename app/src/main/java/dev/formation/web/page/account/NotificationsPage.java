package dev.formation.web.page.account;

import dev.formation.core.Actor;
import dev.formation.flow.Notifications;
import dev.formation.store.Tx;
import dev.formation.web.page.FlowFormat;
import dev.formation.web.page.Pages;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * 消息: the user's notifications (a task for them, a copy, an outcome of their request, an
 * urge), newest first, unread ones marked. Opening one marks it read and goes to its page.
 */
@Controller("/notifications")
@Produces(MediaType.TEXT_HTML)
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class NotificationsPage {

    private static final int SHOWN = 50;

    private final Notifications notifications;
    private final Tx tx;
    private final Pages pages;

    private final Clock clock;

    public NotificationsPage(Notifications notifications, Tx tx, Pages pages, Clock clock) {
        this.clock = clock;
        this.notifications = notifications;
        this.tx = tx;
        this.pages = pages;
    }

    @Get
    public HttpResponse<?> list(HttpRequest<?> request, Actor actor) {
        String me = actor.username();
        List<Map<String, Object>> items = new ArrayList<>();
        for (Map<String, Object> n : tx.read(c -> notifications.recent(me, SHOWN))) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", n.get("id").toString());
            item.put("subject", n.get("subject"));
            item.put("body", n.get("body"));
            item.put("at", FlowFormat.time(n.get("at")));
            item.put("iso", String.valueOf(n.get("at")));
            item.put("read", n.get("read"));
            items.add(item);
        }
        return pages.ok(request, "notifications", Map.of("items", items,
                "unread", items.stream().anyMatch(i -> !Boolean.TRUE.equals(i.get("read")))));
    }

    /** Marks the notification read and follows its link (a page of this site only). */
    @Post("/{id:[0-9]+}/open")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> open(long id, Actor actor) {
        String me = actor.username();
        String link = tx.read(c -> notifications.link(me, id)).orElse(null);
        markRead(me, id);
        return Pages.seeOther(link == null ? "/notifications" : Pages.localPath(link));
    }

    @Post("/read")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> readAll(Actor actor) {
        markRead(actor.username(), null);
        return Pages.seeOther("/notifications");
    }

    private void markRead(String username, Long id) {
        LocalDateTime now = LocalDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS);
        tx.write(c -> {
            notifications.markRead(username, id, now);
            return null;
        });
    }
}
