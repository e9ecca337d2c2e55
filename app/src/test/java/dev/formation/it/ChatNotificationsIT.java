package dev.formation.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.formation.flow.FlowJobs;
import dev.formation.plugins.notify.robot.testing.RobotServer;
import dev.formation.plugins.notify.smtp.testing.GreenMailFront;
import dev.formation.plugins.notify.smtp.testing.ReceivedMessage;
import dev.formation.testing.AppTestBase;
import dev.formation.testing.BrowserSession;
import dev.formation.testing.Customers;
import dev.formation.testing.Flows;
import dev.formation.testing.Resources;
import io.micronaut.http.HttpMethod;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Task notifications reach a DingTalk and a WeCom group robot (local stand-ins that check the
 * access token and signature, or the key, and the message's shape) as well as e-mail, over the
 * channels the recipient's roles choose: contract administrators get the robots only (their
 * role's {@code notify}), everyone else the deployment's default ({@code email,dingtalk}). A
 * channel that fails is retried alone.
 */
class ChatNotificationsIT extends AppTestBase {

    private static final String TOKEN = "formation-it-token";
    private static final String SECRET = "SECformation-it-secret-0123456789abcdef";
    private static final String KEY = "formation-it-wecom-key";

    private GreenMailFront smtp;
    private RobotServer dingTalk;
    private RobotServer weCom;
    private Flows flows;

    @Override
    protected Map<String, Object> overrides(Path tempDir) {
        smtp = GreenMailFront.start();
        dingTalk = RobotServer.dingTalk(TOKEN, SECRET);
        weCom = RobotServer.weCom(KEY);
        Map<String, Object> s = new HashMap<>();
        s.put("formation.metadata-dir", Resources.folder("overlays/notify-channels").toString());
        s.put("formation.notifiers.smtp.host", smtp.host());
        s.put("formation.notifiers.smtp.port", String.valueOf(smtp.port()));
        s.put("formation.notifiers.smtp.from", "Formation <noreply@formation-demo.example.com>");
        s.put("formation.notifiers.dingtalk.webhook", dingTalk.webhook());
        s.put("formation.notifiers.dingtalk.secret", SECRET);
        s.put("formation.notifiers.wecom.webhook", weCom.webhook());
        s.put("formation.notifications.channels", "email,dingtalk");
        s.put("formation.public-url", "https://crm.example.com");
        // the test runs the jobs itself, at times of its choosing
        s.put("formation.flow.job-interval", "1h");
        return s;
    }

    @BeforeAll
    void flows() {
        flows = new Flows(api);
    }

    @AfterAll
    void stopServers() {
        smtp.close();
        dingTalk.close();
        weCom.close();
    }

    private FlowJobs jobs() {
        return app.context().getBean(FlowJobs.class);
    }

    private LocalDateTime at() {
        return now().truncatedTo(ChronoUnit.SECONDS);
    }

    /** sales1's new customer, submitted to contract1: returns the flow instance. */
    private long submitted(String name) {
        long id = api.as("sales1").post(RECORDS, Customers.valid(Customers.uniqueName(name))).expect(201).json()
                .get("id").asLong();
        return flows.act("sales1", "customer", id, "submit", Map.of("assignee", "contract1")).expect(200)
                .json().get("id").asLong();
    }

    private static boolean about(String text, long instance) {
        return Pattern.compile("/flows/" + instance + "(\\D|$)").matcher(text).find();
    }

    private static List<String> dingTalkTexts(RobotServer server, long instance) {
        return server.accepted().stream().map(r -> r.json().path("markdown").path("text").asText())
                .filter(t -> about(t, instance)).toList();
    }

    private static List<String> weComContents(RobotServer server, long instance) {
        return server.accepted().stream().map(r -> r.json().path("markdown").path("content").asText())
                .filter(t -> about(t, instance)).toList();
    }

    private List<ReceivedMessage> mailAbout(long instance) {
        return smtp.messages().stream().filter(m -> about(m.text(), instance)).toList();
    }

    private Map<String, String> outbox(String username, long instance) throws SQLException {
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement("SELECT email_status, "
                + "email_channels, email_error FROM notifications WHERE username = ? AND instance_id = ?")) {
            ps.setString(1, username);
            ps.setLong(2, instance);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), "no notification for " + username + " about " + instance);
                Map<String, String> row = new HashMap<>();
                row.put("status", rs.getString(1));
                row.put("channels", rs.getString(2));
                row.put("error", rs.getString(3));
                assertTrue(!rs.next(), "one notification for " + username + " about " + instance);
                return row;
            }
        }
    }

    @Test
    void aTaskReachesTheDingTalkAndWeComGroupsSignedAndInTheirShapes() throws Exception {
        long instance = submitted("钉钉");
        assertEquals("dingtalk,wecom", outbox("contract1", instance).get("channels"));
        jobs().runDue(at());

        String link = "https://crm.example.com/flows/" + instance;
        RobotServer.Received signed = dingTalk.accepted().stream()
                .filter(r -> about(r.json().path("markdown").path("text").asText(), instance)).findFirst()
                .orElseThrow(() -> new AssertionError("DingTalk got nothing about " + instance + ": "
                        + dingTalk.received()));
        assertTrue(signed.query().get("sign") != null && signed.query().get("timestamp") != null, signed.query()
                .toString());
        JsonNode markdown = signed.json().path("markdown");
        assertEquals("markdown", signed.json().path("msgtype").asText());
        assertTrue(markdown.path("title").asText().startsWith("【待审批】新客户审批"), markdown.toString());
        String text = markdown.path("text").asText();
        assertTrue(text.startsWith("#### 【待审批】新客户审批"), text);
        assertTrue(text.contains("**陈静**"), text);
        assertTrue(text.endsWith("[" + link + "](" + link + ")"), text);

        List<String> weComMessages = weComContents(weCom, instance);
        assertEquals(1, weComMessages.size(), weCom.received().toString());
        assertTrue(weComMessages.get(0).startsWith("#### 【待审批】新客户审批"), weComMessages.get(0));
        assertTrue(weComMessages.get(0).endsWith("[" + link + "](" + link + ")"), weComMessages.get(0));

        assertEquals(List.of(), mailAbout(instance), "contract_admin's notify leaves e-mail out");
        assertEquals("sent", outbox("contract1", instance).get("status"));

        jobs().runDue(at());
        assertEquals(1, dingTalkTexts(dingTalk, instance).size(), "sent once");
        assertEquals(1, weComContents(weCom, instance).size(), "sent once");
    }

    @Test
    void rolesThatSayNothingGetTheDefaultChannels() throws Exception {
        long instance = submitted("默认渠道");
        flows.task("contract1", flows.pendingTask("contract1", instance), "approve",
                Map.of("fields", Map.of("category", "key_account"))).expect(200);
        assertEquals("email,dingtalk", outbox("sales1", instance).get("channels"));
        jobs().runDue(at());

        List<ReceivedMessage> mail = mailAbout(instance).stream().filter(m -> m.subject().startsWith("【已通过】"))
                .toList();
        assertEquals(1, mail.size(), mailAbout(instance).toString());
        assertEquals(List.of("sales1@formation-demo.example.com"), mail.get(0).envelopeRecipients());
        List<String> approved = dingTalkTexts(dingTalk, instance).stream()
                .filter(t -> t.startsWith("#### 【已通过】")).toList();
        assertEquals(1, approved.size(), dingTalkTexts(dingTalk, instance).toString());
        assertTrue(approved.get(0).contains("**张伟**"), approved.get(0));
        assertTrue(weComContents(weCom, instance).stream().noneMatch(t -> t.startsWith("#### 【已通过】")),
                "WeCom is not among the default channels");
        assertEquals("sent", outbox("sales1", instance).get("status"));
    }

    @Test
    void aChannelThatFailsIsRetriedAloneAndTheOthersAreNotSentTwice() throws Exception {
        long instance = submitted("重试");
        LocalDateTime t0 = at();
        weCom.answerNext(200, "{\"errcode\":45009,\"errmsg\":\"api freq out of limit\"}");
        jobs().runDue(t0);

        assertEquals(1, dingTalkTexts(dingTalk, instance).size());
        assertEquals(0, weComContents(weCom, instance).size());
        Map<String, String> row = outbox("contract1", instance);
        assertEquals("pending", row.get("status"));
        assertEquals("wecom", row.get("channels"));
        assertTrue(row.get("error").startsWith("wecom: WeCom robot at http://127.0.0.1:"), row.get("error"));
        assertTrue(row.get("error").endsWith("refused the message: errcode 45009, errmsg api freq out of limit"),
                row.get("error"));
        assertTrue(!row.get("error").contains(KEY), "the key stays out of the stored error");

        jobs().runDue(t0.plusMinutes(3));
        assertEquals(1, weComContents(weCom, instance).size(), weCom.received().toString());
        assertEquals(1, dingTalkTexts(dingTalk, instance).size(), "DingTalk had it already");
        assertEquals("sent", outbox("contract1", instance).get("status"));
    }

    // ---- a person's own choice of channels ----

    private static final String MINE = "/api/me/notification-channels";

    private static List<String> texts(JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.isObject() ? n.get("channel").asText() : n.asText()));
        return out;
    }

    @Test
    void aPersonsOwnChoiceOutweighsTheirRolesAndCanBeDroppedAgain() throws Exception {
        JsonNode before = api.as("contract1").get(MINE).expect(200).json();
        assertEquals(List.of("email", "dingtalk", "wecom"), texts(before.get("available")), before.toString());
        assertEquals("钉钉群机器人", before.get("available").get(1).get("label").asText());
        assertTrue(before.path("own").isNull() || before.path("own").isMissingNode(), before.toString());
        assertEquals("roles", before.get("source").asText());
        assertEquals(List.of("dingtalk", "wecom"), texts(before.get("effective")));
        try {
            JsonNode mailOnly = api.as("contract1").send(HttpMethod.PUT, MINE, Map.of("channels", List.of("email"))).expect(200).json();
            assertEquals("own", mailOnly.get("source").asText());
            assertEquals(List.of("email"), texts(mailOnly.get("effective")));
            assertEquals(List.of("dingtalk", "wecom"), texts(mailOnly.get("inherited")), "what the roles give, shown");
            long byMail = submitted("自选邮件");
            assertEquals("email", outbox("contract1", byMail).get("channels"));

            api.as("contract1").send(HttpMethod.PUT, MINE, Map.of("channels", List.of())).expect(200);
            long inboxOnly = submitted("仅站内");
            assertEquals("none", outbox("contract1", inboxOnly).get("status"));
            assertTrue(api.as("contract1").get("/api/notifications").expect(200).body().contains("/flows/" + inboxOnly),
                    "the inbox has it still");
        } finally {
            Map<String, Object> drop = new HashMap<>();
            drop.put("channels", null);
            JsonNode after = api.as("contract1").send(HttpMethod.PUT, MINE, drop).expect(200).json();
            assertEquals("roles", after.get("source").asText());
        }
        assertEquals("dingtalk,wecom", outbox("contract1", submitted("按角色")).get("channels"));
        String audit = api.as("admin").get("/api/audit?user=contract1").expect(200).body();
        assertTrue(audit.contains("notification_channels"), audit);
    }

    @Test
    void aChannelThatIsNotConfiguredIsRefusedOnTheField() {
        var r = api.as("leader1").english().send(HttpMethod.PUT, MINE, Map.of("channels", List.of("email", "sms"))).expect(400);
        assertEquals(List.of("channels"), CustomerCreateIT.errorFields(r), r.body());
        assertEquals("There is no notification channel \"sms\"; the channels are: email, dingtalk, wecom",
                CustomerCreateIT.message(r, "channels"));
        api.as("leader1").send(HttpMethod.PUT, MINE, Map.of("channel", List.of("email"))).expect(400);
        api.as("leader1").send(HttpMethod.PUT, MINE, Map.of("channels", "email")).expect(400);
        JsonNode unchanged = api.as("leader1").get(MINE).expect(200).json();
        assertEquals("default", unchanged.get("source").asText(), "nothing was saved: " + unchanged);
        assertEquals(List.of("email", "dingtalk"), texts(unchanged.get("effective")));
    }

    @Test
    void theAccountPageChoosesTheChannels() {
        BrowserSession browser = BrowserSession.loggedIn(api, "assistant1");
        String page = browser.get("/account/channels").expect(200).body();
        assertTrue(page.contains("value=\"wecom\"") && page.contains("企业微信群机器人"), page);
        assertTrue(page.contains("当前生效：电子邮件、钉钉群机器人"), page);
        browser.postForm("/account/channels", Map.of("mode", "own", "channel", List.of("wecom", "email"))).expect(303);
        JsonNode own = api.as("assistant1").get(MINE).expect(200).json();
        assertEquals(List.of("wecom", "email"), texts(own.get("own")), own.toString());
        assertEquals(List.of("email", "wecom"), texts(own.get("effective")), "in the notifiers' order");
        assertTrue(browser.get("/account/channels?saved=1").expect(200).body().contains("通知方式已保存"));

        browser.postForm("/account/channels", Map.of("mode", "own", "channel", List.of("pager"))).expect(400);
        browser.postForm("/account/channels", Map.of("mode", "inherit", "channel", List.of("email"))).expect(303);
        assertEquals("default", api.as("assistant1").get(MINE).expect(200).json().get("source").asText());
    }
}
