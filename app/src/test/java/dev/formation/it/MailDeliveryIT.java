package dev.formation.it;

import dev.formation.flow.FlowJobs;
import dev.formation.plugins.notify.smtp.testing.GreenMailFront;
import dev.formation.plugins.notify.smtp.testing.ReceivedMessage;
import dev.formation.testing.AppTestBase;
import dev.formation.testing.FormationApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The e-mail outbox with two app nodes on one database and a relay that takes its time: every
 * message goes out exactly once even when one node's pass outlasts its lease and the other node
 * starts its own; a claim left by a node that died is taken over only after the claim timeout;
 * a node that shuts down gives its lease back.
 */
class MailDeliveryIT extends AppTestBase {

    private static final AtomicInteger SEQ = new AtomicInteger();
    /** Each test runs the jobs at its own hour, later than any lease an earlier test left. */
    private static final AtomicInteger HOURS = new AtomicInteger();
    private static final String[] RECIPIENTS = {"sales1", "sales2", "assistant1", "leader1", "contract1"};

    private GreenMailFront smtp;
    private FormationApp nodeB;

    @Override
    protected Map<String, Object> overrides(Path tempDir) {
        smtp = GreenMailFront.start();
        return nodeSettings();
    }

    private Map<String, Object> nodeSettings() {
        return Map.of("formation.notifiers.smtp.host", smtp.host(),
                "formation.notifiers.smtp.port", String.valueOf(smtp.port()),
                "formation.notifiers.smtp.from", "Formation <noreply@formation-demo.example.com>",
                // the held message must not time out while the other node works
                "formation.notifiers.smtp.timeout-ms", "120000",
                // the test runs the jobs itself, at times of its choosing
                "formation.flow.job-interval", "1h");
    }

    @BeforeAll
    void startSecondNode() throws IOException {
        nodeB = FormationApp.start(db, tempDir.resolve("data-b"), nodeSettings());
    }

    @AfterAll
    void stopSecondNode() {
        try {
            if (nodeB != null) {
                nodeB.close();
            }
        } finally {
            smtp.close();
        }
    }

    /** Mail the demo left in the outbox is not this test's. */
    @BeforeEach
    void emptyOutbox() throws SQLException {
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(
                "UPDATE notifications SET email_status = 'none' WHERE email_status = 'pending'")) {
            ps.executeUpdate();
        }
    }

    private static FlowJobs jobs(FormationApp node) {
        return node.context().getBean(FlowJobs.class);
    }

    private LocalDateTime nextHour() {
        return now().truncatedTo(ChronoUnit.SECONDS).plusHours(HOURS.incrementAndGet() * 10L);
    }

    /** Puts e-mails in the outbox as a flow would; returns their subjects. */
    private List<String> outbox(int count, LocalDateTime at, String claimedBy, LocalDateTime claimedAt)
            throws SQLException {
        List<String> subjects = new ArrayList<>();
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement("INSERT INTO notifications "
                + "(username, at, kind, subject, body, link, email_status, email_claimed_by, email_claimed_at) "
                + "VALUES (?, ?, 'task', ?, '请处理', '/tasks', 'pending', ?, ?)")) {
            for (int i = 0; i < count; i++) {
                String subject = "待审批 mail-" + SEQ.incrementAndGet();
                ps.setString(1, RECIPIENTS[i % RECIPIENTS.length]);
                ps.setObject(2, at);
                ps.setString(3, subject);
                ps.setString(4, claimedBy);
                ps.setObject(5, claimedAt);
                ps.executeUpdate();
                subjects.add(subject);
            }
        }
        return subjects;
    }

    private long deliveries(String subject) {
        return smtp.messages().stream().map(ReceivedMessage::subject).filter(subject::equals).count();
    }

    private long pending(List<String> subjects) {
        long n = 0;
        for (String s : subjects) {
            n += count("SELECT COUNT(*) FROM notifications WHERE subject = ? AND email_status = 'pending'", s);
        }
        return n;
    }

    @Test
    void twentyMessagesGoOutOnceWhenASlowPassOutlastsItsLease() throws Exception {
        LocalDateTime t0 = nextHour();
        List<String> subjects = outbox(20, t0, null, null);

        // node A starts a pass; the relay sits on its first message
        smtp.holdNextMessage();
        CompletableFuture<Integer> passA = CompletableFuture.supplyAsync(() -> jobs(app).runDue(t0));
        smtp.awaitHolding(java.time.Duration.ofSeconds(60));

        // three minutes on, A's two-minute lease has run out: node B takes it and runs its own pass
        jobs(nodeB).runDue(t0.plusMinutes(3));

        smtp.releaseHeld();
        passA.get(120, TimeUnit.SECONDS);

        List<String> twice = subjects.stream().filter(s -> deliveries(s) != 1).toList();
        assertEquals(List.of(), twice, "messages not delivered exactly once");
        assertEquals(20, subjects.stream().mapToLong(this::deliveries).sum(), "deliveries");
        assertEquals(0, pending(subjects), "all marked sent");
        assertEquals(0, count("SELECT COUNT(*) FROM notifications WHERE email_claimed_by IS NOT NULL"),
                "no claim left behind");
    }

    @Test
    void aClaimIsTakenOverOnlyAfterTheClaimTimeout() throws Exception {
        LocalDateTime t = nextHour();
        List<String> abandoned = outbox(1, t.minusHours(1), "a-node-that-died", t.minusMinutes(20));
        List<String> inFlight = outbox(1, t.minusHours(1), "a-node-sending-now", t.minusMinutes(1));

        jobs(nodeB).runDue(t);

        assertEquals(1, deliveries(abandoned.get(0)), "the abandoned claim was taken over");
        assertEquals(0, pending(abandoned));
        assertEquals(0, deliveries(inFlight.get(0)), "the other node's fresh claim was left alone");
        assertEquals(1, pending(inFlight));
    }

    @Test
    void aNodeThatShutsDownGivesItsLeaseBack() throws Exception {
        LocalDateTime t = nextHour();
        try (FormationApp nodeC = FormationApp.start(db, tempDir.resolve("data-c"), nodeSettings())) {
            jobs(nodeC).runDue(t);
            assertEquals(1, count("SELECT COUNT(*) FROM job_leases WHERE job = 'flows'"), "node C holds the lease");
        }
        assertEquals(0, count("SELECT COUNT(*) FROM job_leases WHERE job = 'flows'"), "given back at shutdown");

        // so another node sends at once instead of waiting for the lease to expire
        List<String> subjects = outbox(1, t, null, null);
        jobs(nodeB).runDue(t.plusSeconds(1));
        assertEquals(1, deliveries(subjects.get(0)));
    }
}
