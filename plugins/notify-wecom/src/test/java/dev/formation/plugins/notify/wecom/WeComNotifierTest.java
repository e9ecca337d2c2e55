package dev.formation.plugins.notify.wecom;

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
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The notifier against a local stand-in for WeCom that checks the key and the message. */
class WeComNotifierTest {

    private static final String KEY = "693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa";

    private RobotServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static Notification task(String body) {
        return new Notification("lisi", "李四", "", "【待审批】客户审批：华东一号公司", body,
                "https://crm.example.com/inbox/42");
    }

    private static Notifier notifier(String webhook) {
        return new WeComNotifierFactory().create(Map.of("webhook", webhook)).orElseThrow();
    }

    @Test
    void serviceLoaderFindsTheFactory() {
        assertEquals(List.of(WeComNotifierFactory.class), ServiceLoader.load(NotifierFactory.class).stream()
                .map(ServiceLoader.Provider::type).filter(t -> t == WeComNotifierFactory.class).toList());
    }

    @Test
    void postsAMarkdownMessageWithTheLinkByTheKey() throws Exception {
        server = RobotServer.weCom(KEY);
        Notifier notifier = notifier(server.webhook());
        assertEquals("wecom", notifier.channel());
        notifier.send(task("张三 提交的“客户审批”（华东一号公司）等待您审批。\n请今天处理。"));

        RobotServer.Received r = server.received().get(0);
        assertTrue(r.accepted(), r.errmsg());
        assertEquals(KEY, r.query().get("key"));
        assertEquals(List.of("key"), List.copyOf(r.query().keySet()), "no signature: WeCom's group robot has none");
        JsonNode json = r.json();
        assertEquals("markdown", json.path("msgtype").asText());
        assertEquals("#### 【待审批】客户审批：华东一号公司\n\n**李四**\n\n"
                        + "张三 提交的“客户审批”（华东一号公司）等待您审批。\n请今天处理。\n\n"
                        + "[https://crm.example.com/inbox/42](https://crm.example.com/inbox/42)",
                json.path("markdown").path("content").asText());
    }

    @Test
    void aLongBodyIsShortenedToWhatWeComTakesKeepingTheLink() throws Exception {
        server = RobotServer.weCom(KEY);
        notifier(server.webhook()).send(task("审批😀".repeat(1000)));
        String content = server.accepted().get(0).json().path("markdown").path("content").asText();
        int bytes = content.getBytes(StandardCharsets.UTF_8).length;
        assertTrue(bytes <= 4096 && bytes > 4000, "fills but does not pass the limit: " + bytes);
        assertTrue(content.endsWith("…\n\n[https://crm.example.com/inbox/42](https://crm.example.com/inbox/42)"),
                content);
        assertFalse(content.contains("\uFFFD"));
    }

    @Test
    void aWrongKeyIsRefusedWithoutPrintingEitherKey() {
        server = RobotServer.weCom(KEY);
        NotifierException e = assertThrows(NotifierException.class,
                () -> notifier(server.webhook("not-the-key")).send(task("x")));
        assertTrue(e.getMessage().contains("errcode " + RobotServer.WECOM_INVALID_KEY), e.getMessage());
        assertTrue(e.getMessage().contains("invalid webhook url"), e.getMessage());
        assertFalse(e.getMessage().contains("not-the-key") || e.getMessage().contains(KEY), e.getMessage());
    }

    @Test
    void anErrcodeInA200IsAFailure() {
        server = RobotServer.weCom(KEY);
        server.answerNext(200, "{\"errcode\":45009,\"errmsg\":\"api freq out of limit\"}");
        NotifierException e = assertThrows(NotifierException.class, () -> notifier(server.webhook()).send(task("x")));
        assertEquals("WeCom robot at " + server.webhook().replaceAll("\\?.*", "")
                + " refused the message: errcode 45009, errmsg api freq out of limit", e.getMessage());
    }

    @Test
    void settings() {
        WeComNotifierFactory factory = new WeComNotifierFactory();
        assertEquals(Optional.empty(), factory.create(Map.of()));
        assertThrowsWith("formation.notifiers.wecom.webhook must carry the robot's key",
                Map.of("webhook", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send"));
        assertThrowsWith("formation.notifiers.wecom.webhook must carry the robot's key",
                Map.of("webhook", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key="));
        assertThrowsWith("formation.notifiers.wecom.secret is not a WeCom setting",
                Map.of("webhook", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k", "secret", "s"));
    }

    private static void assertThrowsWith(String start, Map<String, String> settings) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new WeComNotifierFactory().create(settings));
        assertTrue(e.getMessage().startsWith(start), e.getMessage());
    }
}
