package dev.formation.plugins.notify.dingtalk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.formation.plugin.api.Notification;
import dev.formation.plugin.api.Notifier;
import dev.formation.plugin.api.NotifierException;
import dev.formation.plugin.api.NotifierFactory;
import dev.formation.plugins.notify.robot.testing.RobotServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The notifier against a local stand-in for DingTalk that checks the token, the signature and the message. */
class DingTalkNotifierTest {

    private static final String TOKEN = "0123456789abcdef";
    private static final String SECRET = "SEC2f1e0d9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1";

    private RobotServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static Notification task() {
        return new Notification("lisi", "李四", "", "【待审批】客户审批：华东[一号]公司",
                "张三 提交的“客户审批”（华东一号公司）等待您审批。\n请今天处理。", "https://crm.example.com/inbox/42");
    }

    private static Notifier notifier(String... keysAndValues) {
        Map<String, String> settings = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            settings.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return new DingTalkNotifierFactory().create(settings).orElseThrow();
    }

    @Test
    void serviceLoaderFindsTheFactory() {
        assertEquals(List.of(DingTalkNotifierFactory.class), ServiceLoader.load(NotifierFactory.class).stream()
                .map(ServiceLoader.Provider::type).filter(t -> t == DingTalkNotifierFactory.class).toList());
        assertEquals("dingtalk", new DingTalkNotifierFactory().id());
    }

    @Test
    void postsASignedMarkdownMessageWithTheLink() throws Exception {
        server = RobotServer.dingTalk(TOKEN, SECRET);
        Notifier notifier = notifier("webhook", server.webhook(), "secret", SECRET);
        assertEquals("dingtalk", notifier.channel());
        notifier.send(task());

        RobotServer.Received r = server.received().get(0);
        assertTrue(r.accepted(), r.errmsg());
        assertEquals(TOKEN, r.query().get("access_token"));
        long timestamp = Long.parseLong(r.query().get("timestamp"));
        assertTrue(Math.abs(timestamp - Instant.now().toEpochMilli()) < Duration.ofMinutes(1).toMillis());
        assertTrue(r.contentType().startsWith("application/json"), r.contentType());
        JsonNode json = r.json();
        assertEquals("markdown", json.path("msgtype").asText());
        assertEquals("【待审批】客户审批：华东[一号]公司", json.path("markdown").path("title").asText());
        assertEquals("#### 【待审批】客户审批：华东[一号]公司\n\n**李四**\n\n"
                        + "张三 提交的“客户审批”（华东一号公司）等待您审批。\n\n请今天处理。\n\n"
                        + "[https://crm.example.com/inbox/42](https://crm.example.com/inbox/42)",
                json.path("markdown").path("text").asText());
    }

    @Test
    void theSignatureIsTheDocumentedOne() {
        // DingTalk's documented recipe, worked by hand for this timestamp and secret:
        // Base64(HmacSHA256(key=secret, timestamp + "\n" + secret)), then URL-encoded
        long timestamp = 1_700_000_000_000L;
        String sign = DingTalkSignature.sign(timestamp, "SECabc");
        assertEquals(44, sign.length());
        assertEquals("timestamp=1700000000000&sign=" + java.net.URLEncoder.encode(sign,
                java.nio.charset.StandardCharsets.UTF_8), DingTalkSignature.query(timestamp, "SECabc"));
        DingTalkSettings settings = DingTalkSettings.parse(Map.of("webhook",
                "https://oapi.dingtalk.com/robot/send?access_token=t", "secret", "SECabc")).orElseThrow();
        DingTalkNotifier notifier = new DingTalkNotifier(settings,
                Clock.fixed(Instant.ofEpochMilli(timestamp), ZoneOffset.UTC));
        assertEquals("https://oapi.dingtalk.com/robot/send?access_token=t&" + DingTalkSignature.query(timestamp,
                "SECabc"), notifier.address().toString());
    }

    @Test
    void aWrongSecretIsRefusedAndReportedWithTheRobotsMessage() {
        server = RobotServer.dingTalk(TOKEN, SECRET);
        NotifierException e = assertThrows(NotifierException.class,
                () -> notifier("webhook", server.webhook(), "secret", "SECwrong").send(task()));
        assertTrue(e.getMessage().contains("errcode " + RobotServer.DINGTALK_SIGN_MISMATCH), e.getMessage());
        assertTrue(e.getMessage().contains("sign not match"), e.getMessage());
        assertFalse(e.getMessage().contains(TOKEN), "the access token stays out of the log: " + e.getMessage());
        assertFalse(e.getMessage().contains("SECwrong"), e.getMessage());
        assertTrue(server.accepted().isEmpty());
    }

    @Test
    void aSignedRobotRefusesAnUnsignedMessage() {
        server = RobotServer.dingTalk(TOKEN, SECRET);
        NotifierException e = assertThrows(NotifierException.class,
                () -> notifier("webhook", server.webhook()).send(task()));
        assertTrue(e.getMessage().contains("errcode " + RobotServer.DINGTALK_SIGN_MISMATCH), e.getMessage());
    }

    @Test
    void aRobotWithoutSigningTakesTheMessageWithoutASignature() throws Exception {
        server = RobotServer.dingTalk(TOKEN, null);
        notifier("webhook", server.webhook()).send(task());
        RobotServer.Received r = server.accepted().get(0);
        assertFalse(r.query().containsKey("sign"));
        assertFalse(r.query().containsKey("timestamp"));
    }

    @Test
    void aWrongTokenIsRefused() {
        server = RobotServer.dingTalk(TOKEN, SECRET);
        NotifierException e = assertThrows(NotifierException.class,
                () -> notifier("webhook", server.webhook("nope"), "secret", SECRET).send(task()));
        assertTrue(e.getMessage().contains("errcode " + RobotServer.DINGTALK_TOKEN_MISSING), e.getMessage());
        assertTrue(e.getMessage().contains("/robot/send"), e.getMessage());
    }

    @Test
    void anHttpErrorFailsWithItsStatus() {
        server = RobotServer.dingTalk(TOKEN, SECRET);
        server.answerNext(502, "<html>Bad Gateway</html>");
        NotifierException e = assertThrows(NotifierException.class,
                () -> notifier("webhook", server.webhook(), "secret", SECRET).send(task()));
        assertTrue(e.getMessage().contains("HTTP 502"), e.getMessage());
        assertTrue(e.getMessage().contains("Bad Gateway"), e.getMessage());
    }

    @Test
    void anAnswerWithoutAnErrcodeIsAFailure() {
        server = RobotServer.dingTalk(TOKEN, SECRET);
        server.answerNext(200, "<html>captive portal</html>");
        NotifierException e = assertThrows(NotifierException.class,
                () -> notifier("webhook", server.webhook(), "secret", SECRET).send(task()));
        assertTrue(e.getMessage().contains("without an errcode"), e.getMessage());
    }

    @Test
    void aRobotThatDoesNotAnswerTimesOut() {
        server = RobotServer.dingTalk(TOKEN, SECRET);
        server.holdNext();
        NotifierException e = assertThrows(NotifierException.class,
                () -> notifier("webhook", server.webhook(), "secret", SECRET, "timeout-ms", "300").send(task()));
        assertTrue(e.getMessage().contains("did not answer within 300 ms"), e.getMessage());
    }

    @Test
    void anUnreachableRobotIsAFailure() {
        server = RobotServer.dingTalk(TOKEN, SECRET);
        String webhook = server.webhook();
        server.close();
        server = null;
        NotifierException e = assertThrows(NotifierException.class,
                () -> notifier("webhook", webhook, "secret", SECRET).send(task()));
        assertTrue(e.getMessage().startsWith("cannot reach DingTalk robot at http://127.0.0.1:"), e.getMessage());
        assertFalse(e.getMessage().contains(TOKEN), e.getMessage());
    }

    @Test
    void settings() {
        DingTalkNotifierFactory factory = new DingTalkNotifierFactory();
        assertEquals(Optional.empty(), factory.create(Map.of()));
        assertEquals(Optional.empty(), factory.create(Map.of("webhook", " ", "secret", "SECx")));
        assertEquals(Optional.empty(), factory.create(null));
        assertMessage("formation.notifiers.dingtalk.webhook must carry the robot's access_token",
                Map.of("webhook", "https://oapi.dingtalk.com/robot/send"));
        assertMessage("formation.notifiers.dingtalk.webhook must be an absolute http(s) URL",
                Map.of("webhook", "oapi.dingtalk.com/robot/send?access_token=x"));
        assertMessage("formation.notifiers.dingtalk.webhook is not a URL",
                Map.of("webhook", "https://oapi.dingtalk.com/robot send?access_token=x"));
        assertMessage("formation.notifiers.dingtalk.webhook must not carry timestamp or sign",
                Map.of("webhook", "https://oapi.dingtalk.com/robot/send?access_token=x&timestamp=1&sign=y"));
        assertMessage("formation.notifiers.dingtalk.timeout-ms must be a whole number",
                Map.of("webhook", "https://oapi.dingtalk.com/robot/send?access_token=x", "timeout-ms", "soon"));
        String settings = DingTalkSettings.parse(Map.of("webhook", "https://oapi.dingtalk.com/robot/send?access_token="
                + TOKEN, "secret", SECRET)).orElseThrow().toString();
        assertFalse(settings.contains(TOKEN) || settings.contains(SECRET), settings);
    }

    private static void assertMessage(String start, Map<String, String> settings) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DingTalkNotifierFactory().create(settings));
        assertTrue(e.getMessage().startsWith(start), e.getMessage());
    }
}
