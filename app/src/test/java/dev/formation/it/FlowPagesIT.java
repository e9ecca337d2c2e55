package dev.formation.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.formation.testing.Api;
import dev.formation.testing.AppTestBase;
import dev.formation.testing.BrowserSession;
import dev.formation.testing.Customers;
import dev.formation.testing.Flows;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The approval pages over HTTP: the inbox (待办) and its badge, the instance page with the
 * approver's form and the fields the node lets them fill, posts that need the CSRF token and act
 * once, the submit route page started from the record, withdrawing from 我的申请, a change request
 * with its document, an owner application from the list, and the English texts.
 */
class FlowPagesIT extends AppTestBase {

    private static final Pattern LOCATION_ID = Pattern.compile("/flows/([0-9]+)$");

    private Flows flows;
    private final Map<String, BrowserSession> browsers = new ConcurrentHashMap<>();

    @BeforeAll
    void flows() {
        flows = new Flows(api);
    }

    // ---- helpers ----

    private long draft(String user, String name) {
        return api.as(user).post(RECORDS, Customers.valid(name)).expect(201).json().get("id").asLong();
    }

    private long submit(long id) {
        return flows.act("sales1", "customer", id, "submit", Map.of("assignee", "contract1")).expect(200).json()
                .get("id").asLong();
    }

    private String status(long id) {
        return read(id).get("status").asText();
    }

    /** The user's browser: logged in through the login page, so the login cookie authenticates. */
    private BrowserSession browser(String user) {
        return browsers.computeIfAbsent(user, u -> BrowserSession.loggedIn(api, u));
    }

    private Api.Response page(String user, String path) {
        return browser(user).get(path);
    }

    /** A page's form post as the browser sends it: the login cookie and, unless told otherwise, the page's token. */
    private Api.Response post(String user, String path, Map<String, ?> fields, boolean withToken) {
        BrowserSession browser = browser(user);
        return withToken ? browser.postForm(path, fields) : browser.postRawForm(browser.call(), path, fields);
    }

    private Api.Response post(String user, String path, Map<String, ?> fields) {
        return post(user, path, fields, true);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String html(Api.Response r) {
        assertTrue(r.contentType().startsWith("text/html"), r.request() + " -> " + r.contentType());
        return r.body();
    }

    /** The value of the hidden input {@code name} in the form posting to {@code action}. */
    private static String hidden(String page, String action, String name) {
        int form = page.indexOf("action=\"" + action + "\"");
        assertTrue(form >= 0, "no form posting to " + action);
        Matcher m = Pattern.compile("name=\"" + Pattern.quote(name) + "\" value=\"([^\"]*)\"").matcher(page);
        assertTrue(m.find(form), "no " + name + " in the form posting to " + action);
        return m.group(1);
    }

    // ---- tests ----

    @Test
    void theApproverFindsTheTaskInTheInboxAndApprovesWithTheManagementFields() {
        String name = Customers.uniqueName("页面审批");
        long id = draft("sales1", name);
        long instance = submit(id);
        assertEquals("pending", status(id));

        String inbox = html(page("contract1", "/tasks").expect(200));
        assertTrue(inbox.contains(name), "the pending task is listed: " + inbox);
        assertTrue(inbox.contains("href=\"/flows/" + instance + "\""), "it opens the instance");
        assertTrue(inbox.contains("href=\"/forms/customer/" + id + "\""), "and the record");
        assertTrue(inbox.contains("待我处理") && inbox.contains("抄送我的") && inbox.contains("我的申请"));
        assertTrue(inbox.contains("todo-badge"), "the shell shows the to-do badge");

        String base = "/flows/" + instance;
        String view = html(page("contract1", base).expect(200));
        assertTrue(view.contains(name) && view.contains("新客户审批"), "title and flow label");
        assertTrue(view.contains("action=\"" + base + "/approve\""), "the approve form");
        assertTrue(view.contains("formaction=\"" + base + "/reject\""), "the return button");
        for (String field : List.of("internal", "category", "sales_order_customer", "credit_assessed",
                "business_assessed")) {
            assertTrue(view.contains("name=\"" + field + "\""), "the node lets the approver fill " + field);
        }
        assertTrue(view.matches("(?s).*<label class=\"label\" for=\"f-category\">客户分类 <span class=\"required\".*"),
                "客户分类 is marked required");
        assertTrue(view.contains("<option value=\"submitter\">"), "returning to the submitter is offered");
        String task = hidden(view, base + "/approve", "task");
        String version = hidden(view, base + "/approve", "task_version");

        // the submitter sees the instance without the approver's form, with withdraw and urge
        String asSubmitter = html(page("sales1", base).expect(200));
        assertFalse(asSubmitter.contains(base + "/approve"));
        assertTrue(asSubmitter.contains("action=\"" + base + "/withdraw\""));
        assertTrue(asSubmitter.contains("action=\"" + base + "/urge\""));

        Map<String, Object> approve = new LinkedHashMap<>();
        approve.put("task", task);
        approve.put("task_version", version);
        approve.put("comment", "资料齐全");
        approve.put("category", "key_account");

        // without the page's token: refused, nothing happens
        Api.Response forged = post("contract1", base + "/approve", approve, false).expect(403);
        assertTrue(html(forged).contains("页面已过期"));
        assertEquals("pending", status(id));

        // the required field left empty: the same page with the message under 客户分类
        Map<String, Object> empty = new LinkedHashMap<>(approve);
        empty.put("category", "");
        String refused = html(post("contract1", base + "/approve", empty).expect(400));
        assertTrue(refused.contains("f-category-error"), "the error is under the input: " + refused);
        assertTrue(refused.contains("资料齐全"), "the comment typed is kept");
        assertEquals("pending", status(id));

        Api.Response done = post("contract1", base + "/approve", approve).expect(303);
        assertEquals("/tasks", done.header("location"));
        JsonNode stored = read(id);
        assertEquals("active", stored.get("status").asText(), "approved → 正常");
        assertEquals("key_account", stored.get("category").asText(), "the approver's category is saved");

        // a second click on the same task acts once and says so
        String again = html(post("contract1", base + "/approve", approve).expect(409));
        assertTrue(again.contains("已被处理"), again);

        // the instance now shows its timeline and status; the approver's done box lists it
        String after = html(page("sales1", base).expect(200));
        assertTrue(after.contains("已通过") && after.contains("资料齐全") && after.contains("陈静"));
        assertTrue(html(page("contract1", "/tasks?box=done").expect(200)).contains(name));
    }

    @Test
    void theSubmitterStartsFromTheRecordChoosesTheApproverAndWithdrawsFromMyRequests() {
        String name = Customers.uniqueName("页面提交");
        long id = draft("sales1", name);
        String record = "/forms/customer/" + id;

        String detail = html(page("sales1", record).expect(200));
        assertTrue(detail.contains("href=\"" + record + "/actions/submit\""), "the submit button: " + detail);
        assertFalse(detail.contains(record + "/change-request"), "no change request while 新建");

        String route = html(page("sales1", record + "/actions/submit").expect(200));
        assertTrue(route.contains("销售合同管理员审批"), "the route's node");
        assertTrue(route.contains("<option value=\"contract1\">陈静</option>"), "the contract admins to choose from");

        // nobody chosen: the route page again with the engine's message
        String unchosen = html(post("sales1", record + "/actions/submit", Map.of()).expect(400));
        assertTrue(unchosen.contains("请选择“销售合同管理员审批”的审批人"), unchosen);
        assertEquals("draft", status(id));
        post("sales1", record + "/actions/submit", Map.of("assignee", "contract1"), false).expect(403);
        assertEquals("draft", status(id));

        Api.Response started = post("sales1", record + "/actions/submit", Map.of("assignee", "contract1")).expect(303);
        assertEquals(record, started.header("location"));
        assertEquals("pending", status(id));

        String pending = html(page("sales1", record).expect(200));
        assertTrue(pending.contains("审批中"));
        assertTrue(pending.contains(record + "/actions/withdraw"), "the submitter may withdraw");
        assertFalse(pending.contains(record + "/actions/submit\""), "no second submit");
        Matcher link = Pattern.compile("href=\"/flows/([0-9]+)\"").matcher(pending);
        assertTrue(link.find(), "审批记录 links the instance");
        long instance = Long.parseLong(link.group(1));
        assertTrue(flows.hasPendingTask("contract1", instance));

        String mine = html(page("sales1", "/tasks?box=mine").expect(200));
        assertTrue(mine.contains(name) && mine.contains("action=\"/flows/" + instance + "/withdraw\""), mine);
        assertTrue(mine.contains("<option value=\"running\" selected>"), "running by default");
        Api.Response withdrawn = post("sales1", "/flows/" + instance + "/withdraw",
                Map.of("back", "/tasks?box=mine")).expect(303);
        assertEquals("/tasks?box=mine", withdrawn.header("location"));
        assertEquals("draft", status(id), "withdraw → 新建");
        assertFalse(html(page("sales1", "/tasks?box=mine").expect(200)).contains(name), "no longer running");
        assertTrue(html(page("sales1", "/tasks?box=mine&status=withdrawn").expect(200)).contains(name));

        // withdrawing again: a message on the instance page, not an error page
        String late = html(post("sales1", "/flows/" + instance + "/withdraw", Map.of()).expect(409));
        assertTrue(late.contains("该审批已结束"), late);
    }

    @Test
    void aChangeRequestNeedsItsDocumentAndShowsBeforeAndAfter() {
        String name = Customers.uniqueName("页面变更");
        long id = draft("sales1", name);
        long instance = submit(id);
        flows.task("contract1", flows.pendingTask("contract1", instance), "approve",
                Map.of("fields", Map.of("category", "sme"))).expect(200);
        String record = "/forms/customer/" + id;
        assertTrue(html(page("sales1", record).expect(200)).contains("href=\"" + record + "/change-request\""));

        String form = html(page("sales1", record + "/change-request").expect(200));
        assertTrue(form.contains("name=\"name\"") && form.contains(name), "the governed fields with their values");
        assertTrue(form.contains("data-name=\"attachments\""), "the document upload");

        String renamed = name.replace("有限公司", "股份有限公司");
        String refused = html(post("sales1", record + "/change-request", Map.of("name", renamed)).expect(400));
        assertTrue(refused.contains("需要上传证明材料"), refused);
        assertTrue(refused.contains(renamed), "what was typed is kept");

        String doc = flows.upload("sales1", "营业执照.pdf", Flows.pdf());
        Api.Response sent = post("sales1", record + "/change-request",
                Map.of("name", renamed, "attachments", List.of(doc))).expect(303);
        Matcher m = LOCATION_ID.matcher(sent.header("location"));
        assertTrue(m.find(), sent.header("location"));
        String view = html(page("contract1", "/flows/" + m.group(1)).expect(200));
        assertTrue(view.contains(name) && view.contains(renamed), "before and after");
        assertTrue(view.contains("href=\"/api/files/" + doc + "\""), "the document");
        assertEquals(name, read(id).get("name").asText(), "nothing changes before approval");
    }

    @Test
    void aSalespersonAppliesToOwnACustomerTheyCanOnlyList() {
        String name = Customers.uniqueName("页面负责人");
        long id = draft("sales1", name);
        long instance = submit(id);
        flows.task("contract1", flows.pendingTask("contract1", instance), "approve",
                Map.of("fields", Map.of("category", "sme"))).expect(200);

        String list = html(page("sales2", "/forms/customer?q=" + encode(name)).expect(200));
        String action = "/forms/customer/" + id + "/actions/apply_owner";
        assertTrue(list.contains("action=\"" + action + "\""), "the apply button on the restricted row: " + list);
        assertTrue(list.contains("申请成为负责人"));

        Api.Response applied = post("sales2", action, Map.of("back", "/forms/customer")).expect(303);
        assertTrue(LOCATION_ID.matcher(applied.header("location")).find(), applied.header("location"));
        // applying twice: the message, with the way back to the list
        String twice = html(post("sales2", action, Map.of("back", "/forms/customer")).expect(409));
        assertTrue(twice.contains("href=\"/forms/customer\""), twice);
    }

    @Test
    void thePagesSpeakEnglishAfterTheLanguageSwitch() {
        String name = Customers.uniqueName("页面英文");
        long id = draft("sales1", name);
        long instance = submit(id);

        BrowserSession english = BrowserSession.loggedIn(api, "contract1");
        Api.Response switched = english.get("/lang?to=en&next=/tasks").expect(303);
        String cookie = switched.header("set-cookie");
        assertNotNull(cookie);
        assertTrue(cookie.startsWith("lang=en"), cookie);

        String inbox = html(english.get("/tasks").expect(200));
        assertTrue(inbox.contains("Waiting for me") && inbox.contains("My requests") && inbox.contains("To-do"), inbox);
        assertTrue(inbox.contains(name));
        String view = html(english.get("/flows/" + instance).expect(200));
        assertTrue(view.contains("New customer approval") && view.contains("Approve") && view.contains("Return to"),
                view);
        assertTrue(view.contains("Category"), "the field labels in English");
    }

    @Test
    void theSubmitterReadsTheOutcomeInMessagesAndOpensIt() {
        long id = draft("sales1", Customers.uniqueName("消息"));
        long instance = submit(id);
        flows.task("contract1", flows.pendingTask("contract1", instance), "approve",
                Map.of("fields", Map.of("category", "sme"))).expect(200);

        String list = html(page("sales1", "/notifications").expect(200));
        assertTrue(list.contains("notice-badge"), "the shell shows unread messages");
        Matcher m = Pattern.compile("action=\"/notifications/([0-9]+)/open\"[^>]*class=\"box notice-item is-unread\"")
                .matcher(list);
        String opened = null;
        while (m.find()) {
            // the newest unread message is the approval of this request
            opened = opened == null ? m.group(1) : opened;
        }
        assertTrue(list.contains("【已通过】"), list);
        post("sales1", "/notifications/" + opened + "/open", Map.of(), false).expect(403);
        Api.Response open = post("sales1", "/notifications/" + opened + "/open", Map.of()).expect(303);
        assertEquals("/flows/" + instance, open.header("Location"));
        post("sales1", "/notifications/read", Map.of()).expect(303);
        assertFalse(html(page("sales1", "/notifications").expect(200)).contains("is-unread"), "all read");
    }

    @Test
    void anApproverTransfersAddsAndCommentsAndTheSubmitterUrgesFromThePage() {
        long instance = submit(draft("sales1", Customers.uniqueName("页面转交")));
        String base = "/flows/" + instance;
        String view = html(page("contract1", base).expect(200));
        String task = hidden(view, base + "/transfer", "task");
        post("contract1", base + "/transfer", Map.of("task", task)).expect(400);
        post("contract1", base + "/transfer", Map.of("task", task, "to", "manager1", "comment", "请经理处理"))
                .expect(303);
        assertTrue(flows.hasPendingTask("manager1", instance));

        String managers = html(page("manager1", base).expect(200));
        String managerTask = hidden(managers, base + "/add-approver", "task");
        post("manager1", base + "/add-approver", Map.of("task", managerTask, "users", "leader1", "position", "before"))
                .expect(303);
        assertTrue(flows.hasPendingTask("leader1", instance), "the approver added before acts first");
        post("manager1", base + "/comment", Map.of("comment", "已请组长先看")).expect(303);
        // someone outside the request does not even see it
        post("sales2", base + "/comment", Map.of("comment", "旁观")).expect(404);

        String asSubmitter = html(page("sales1", base).expect(200));
        String pending = hidden(asSubmitter, base + "/urge", "task");
        assertEquals("/flows/" + instance + "?urged=1", post("sales1", base + "/urge", Map.of("task", pending))
                .expect(303).header("Location"));
        assertTrue(html(post("sales1", base + "/urge", Map.of("task", pending)).expect(409)).contains("分钟内已催办"));
        String timeline = html(page("sales1", base).expect(200));
        assertTrue(timeline.contains("请经理处理") && timeline.contains("已请组长先看"), "comments on the timeline");
    }
}
