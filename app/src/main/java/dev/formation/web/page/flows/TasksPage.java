package dev.formation.web.page.flows;

import dev.formation.core.Actor;
import dev.formation.flow.FlowCatalog;
import dev.formation.flow.FlowDefinition;
import dev.formation.flow.FlowOffers;
import dev.formation.flow.Inbox;
import dev.formation.i18n.Texts;
import dev.formation.store.RecordPage;
import dev.formation.web.page.Choices;
import dev.formation.web.page.FlowFormat;
import dev.formation.web.page.Pager;
import dev.formation.web.page.Pages;
import dev.formation.web.page.QueryString;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code GET /tasks} (待办): the four boxes as tabs — 待我处理, 我已处理, 我的申请 (filtered by flow
 * and status, running by default, each running or returned request with its withdraw button),
 * 抄送我的 (unread copies in bold) — each row opening its instance and its record.
 */
@Controller("/tasks")
@Produces(MediaType.TEXT_HTML)
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class TasksPage {

    private static final int SIZE = 20;
    /** The status filter's value for "every status" (no value means the default, running). */
    private static final String ALL = "all";

    private final Inbox inbox;
    private final FlowCatalog catalog;
    private final Pages pages;
    private final FlowOffers offers;

    public TasksPage(Inbox inbox, FlowCatalog catalog, Pages pages, FlowOffers offers) {
        this.offers = offers;
        this.inbox = inbox;
        this.catalog = catalog;
        this.pages = pages;
    }

    @Get
    public HttpResponse<?> list(HttpRequest<?> request, Locale locale, Actor actor) {
        QueryString query = QueryString.of("/tasks", request.getParameters().asMap());
        Inbox.Box box = box(query.get("box"));
        String status = null;
        String flow = null;
        if (box == Inbox.Box.MINE) {
            String s = query.get("status");
            status = s == null ? "running" : ALL.equals(s) || !FlowFormat.INSTANCE_STATUSES.contains(s) ? null : s;
            flow = catalog.find(query.get("flow") == null ? "" : query.get("flow")).map(FlowDefinition::key).orElse(null);
        }
        int page = number(query.get("page"));
        Map<String, Object> result = inbox.list(new Inbox.Query(box, status, flow, page, SIZE), actor, locale);
        Inbox.Counts counts = inbox.counts(actor);

        Map<String, Object> model = new LinkedHashMap<>();
        String current = box.name().toLowerCase(Locale.ROOT);
        model.put("box", current);
        List<Map<String, Object>> tabs = new ArrayList<>();
        for (Inbox.Box b : Inbox.Box.values()) {
            String key = b.name().toLowerCase(Locale.ROOT);
            int count = switch (b) {
                case PENDING -> counts.pending();
                case CC -> counts.ccUnread();
                default -> 0;
            };
            tabs.add(Map.of("key", key, "label", Texts.get(locale, "page.tasks.box." + key),
                    "href", b == Inbox.Box.PENDING ? "/tasks" : "/tasks?box=" + key, "active", b == box,
                    "count", count));
        }
        model.put("tabs", tabs);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items = (List<Map<String, Object>>) result.get("items");
        String here = query.href();
        model.put("rows", items.stream().map(i -> row(i, box, actor, locale)).toList());
        model.put("total", result.get("total"));
        model.put("pager", Pager.of(new RecordPage(List.of(), ((Number) result.get("total")).longValue(), page, SIZE),
                query));
        model.put("back", here);
        if (box == Inbox.Box.MINE) {
            Map<String, String> flows = new LinkedHashMap<>();
            catalog.all().stream().sorted(Comparator.comparing(FlowDefinition::key))
                    .forEach(d -> flows.put(d.key(), d.label().in(locale)));
            model.put("flows", Choices.of(flows, flow == null ? List.of() : List.of(flow)));
            Map<String, String> statuses = new LinkedHashMap<>();
            FlowFormat.INSTANCE_STATUSES.forEach(s -> statuses.put(s, Texts.get(locale, "page.flow.status." + s)));
            statuses.put(ALL, Texts.get(locale, "page.tasks.allStatuses"));
            model.put("statuses", Choices.of(statuses, List.of(status == null ? ALL : status)));
            model.put("filtered", flow != null || !"running".equals(status));
        }
        // the shell's badge needs the same counts: no second round of queries
        model.put("todoCount", counts.pending() + counts.ccUnread());
        model.put("noticeCount", counts.notificationsUnread());
        return pages.ok(request, "tasks", model);
    }

    private Map<String, Object> row(Map<String, Object> item, Inbox.Box box, Actor actor, Locale locale) {
        Map<String, Object> m = new LinkedHashMap<>();
        Object instance = item.get("instance_id");
        m.put("href", "/flows/" + instance);
        m.put("instanceId", String.valueOf(instance));
        m.put("recordHref", "/forms/" + item.get("form") + "/" + item.get("record_id"));
        m.put("title", item.get("title") == null ? "#" + item.get("record_id") : item.get("title"));
        m.put("flow", item.get("flow_label"));
        String instanceStatus = (String) item.get("instance_status");
        boolean open = "running".equals(instanceStatus) || "returned".equals(instanceStatus);
        m.put("node", item.get("node_label") == null || (box == Inbox.Box.MINE && !open) ? "" : item.get("node_label"));
        m.put("submitter", item.get("submitter_name") == null ? "" : item.get("submitter_name"));
        m.put("status", box == Inbox.Box.DONE || box == Inbox.Box.PENDING
                ? FlowFormat.taskStatus((String) item.get("status"), locale)
                : FlowFormat.instanceStatus(instanceStatus, locale));
        m.put("created", FlowFormat.time(box == Inbox.Box.MINE ? item.get("started_at") : item.get("created_at")));
        m.put("acted", FlowFormat.time(box == Inbox.Box.MINE ? item.get("ended_at") : item.get("acted_at")));
        m.put("due", box == Inbox.Box.PENDING ? FlowFormat.time(item.get("due_at")) : "");
        m.put("unread", box == Inbox.Box.CC && !Boolean.TRUE.equals(item.get("read")));
        // the engine's answer, so the button is never refused (撤销 ends once someone decided)
        m.put("withdrawable", box == Inbox.Box.MINE && open
                && offers.mayWithdraw(((Number) instance).longValue(), actor));
        return m;
    }

    /** Unknown text shows the first box, as a hand-edited page number shows the first page. */
    private static Inbox.Box box(String text) {
        for (Inbox.Box b : Inbox.Box.values()) {
            if (b.name().equalsIgnoreCase(text == null ? "" : text.strip())) {
                return b;
            }
        }
        return Inbox.Box.PENDING;
    }

    private static int number(String text) {
        try {
            int n = text == null ? 1 : Integer.parseInt(text.strip());
            return Math.max(1, Math.min(n, 100_000));
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
