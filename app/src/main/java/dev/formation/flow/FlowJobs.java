package dev.formation.flow;

import dev.formation.core.EachTenant;
import dev.formation.core.TenantScope;
import dev.formation.plugin.api.Notification;
import dev.formation.plugin.api.Notifier;
import dev.formation.plugin.api.NotifierException;
import dev.formation.plugin.api.Message;
import dev.formation.store.Tx;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Locale;
import java.util.UUID;

/**
 * The flows' background work, per active tenant, on whichever node holds that tenant's lease: tasks whose time ran out
 * (remind, approve or reject, as their node says) and the notification outbox (e-mail, chat robots). Each task is handled
 * in its own transaction through the same locked path as a person's action, so a timeout and
 * an approver acting together end with one of them; each e-mail is claimed before it is sent.
 */
@Singleton
public class FlowJobs {

    private static final Logger LOG = LoggerFactory.getLogger(FlowJobs.class);
    private static final int BATCH = 100;
    private static final int MAX_ATTEMPTS = 5;
    private static final String LEASE = "flows";
    private static final Duration LEASE_TIME = Duration.ofMinutes(2);
    /**
     * How long an e-mail stays with the node that claimed it. Generous: far longer than a send can
     * take (the SMTP notifier times out in seconds), so only a node that died lets one go.
     */
    static final Duration CLAIM_TIMEOUT = Duration.ofMinutes(15);

    private final JobLeases leases;
    private final TaskActions tasks;
    private final NotifierRegistry notifiers;
    private final Tx tx;
    private final FlowTaskRepository taskRows;
    private final NotificationRepository outbox;
    private final String holder = UUID.randomUUID().toString();
    private final String publicUrl;

    private final Clock clock;
    private final EachTenant tenants;

    public FlowJobs(JobLeases leases, TaskActions tasks, NotifierRegistry notifiers, Tx tx, FlowTaskRepository taskRows,
                    NotificationRepository outbox, @Value("${formation.public-url:}") String publicUrl, Clock clock,
                    EachTenant tenants) {
        this.tenants = tenants;
        this.clock = clock;
        this.taskRows = taskRows;
        this.outbox = outbox;
        this.leases = leases;
        this.tasks = tasks;
        this.notifiers = notifiers;
        this.tx = tx;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    @Scheduled(fixedDelay = "${formation.flow.job-interval:30s}", initialDelay = "${formation.flow.job-interval:30s}")
    void tick() {
        // once per active tenant, in its schema: the lease and the tasks are the tenant's own
        tenants.run("flows", () -> {
            try {
                runDue(LocalDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS));
            } catch (RuntimeException e) {
                LOG.error("Flow jobs of tenant {} failed; they run again at the next tick", TenantScope.current(), e);
            }
        });
    }

    /** One pass, if this node holds the lease: returns how many overdue tasks it handled. */
    public int runDue(LocalDateTime now) {
        if (!leases.acquire(LEASE, holder, LEASE_TIME, now)) {
            return 0;
        }
        int handled = 0;
        for (long id : overdue(now)) {
            try {
                tasks.timeOut(id, now, Locale.forLanguageTag(Message.DEFAULT_LANGUAGE));
                handled++;
            } catch (RuntimeException e) {
                // one bad task must not stop the others; it is tried again next time
                LOG.warn("Timeout of task {} failed: {}", id, e.getMessage());
            }
        }
        sendMail(now);
        return handled;
    }

    private List<Long> overdue(LocalDateTime now) {
        return tx.read(c -> taskRows.overdue(now, BATCH));
    }

    /** @param channels the channels still to reach, or null for every one that reaches the recipient */
    private record Outgoing(long id, Notification notification, int attempts, Set<String> channels) {
    }

    /**
     * Delivers pending notifications over the channels each still has to reach; a channel that
     * fails is retried alone (the others are not sent twice) with growing pauses, then given up
     * and logged.
     * Each one is claimed in the database just before it is sent, so a second node whose pass
     * overlaps this one (the lease ran out during a slow relay) skips it instead of sending it
     * again; a claim left by a node that died is taken over after {@link #CLAIM_TIMEOUT}.
     */
    void sendMail(LocalDateTime now) {
        if (!notifiers.active()) {
            return;
        }
        long started = System.nanoTime();
        for (Outgoing o : due(now)) {
            // the pass may take minutes with a slow relay; a claim carries the time it was made
            LocalDateTime claimedAt = now.plusNanos(System.nanoTime() - started).truncatedTo(ChronoUnit.SECONDS);
            if (!claim(o.id(), claimedAt)) {
                continue;
            }
            List<String> failed = new ArrayList<>();
            List<String> errors = new ArrayList<>();
            for (Notifier notifier : notifiers.notifiers()) {
                if (o.channels() == null ? !notifier.reaches(o.notification())
                        : !o.channels().contains(notifier.channel())) {
                    continue;
                }
                try {
                    notifier.send(o.notification());
                } catch (NotifierException | RuntimeException e) {
                    // the other channels still get it; only this one is tried again
                    failed.add(notifier.channel());
                    errors.add(notifier.channel() + ": " + e.getMessage());
                }
            }
            finish(o, failed, String.join("; ", errors), now);
        }
    }

    private List<Outgoing> due(LocalDateTime now) {
        return tx.read(c -> outbox.due(now, now.minus(CLAIM_TIMEOUT), BATCH)).stream()
                .map(n -> new Outgoing(n.id(), new Notification(n.username(), n.name(),
                        n.email() == null ? "" : n.email(), n.subject(), n.body(),
                        n.link() == null || publicUrl.isEmpty() ? null : publicUrl + n.link()), n.emailAttempts(),
                        channels(n.emailChannels())))
                .toList();
    }

    /**
     * The stored channels still to reach. One whose notifier was switched off since is left out:
     * nothing could send it, and waiting for it would hold back the row's other channels.
     */
    private Set<String> channels(String stored) {
        if (stored == null) {
            return null;
        }
        Set<String> on = new LinkedHashSet<>();
        notifiers.notifiers().forEach(n -> on.add(n.channel()));
        Set<String> channels = new LinkedHashSet<>();
        for (String c : stored.split(",")) {
            if (on.contains(c.strip())) {
                channels.add(c.strip());
            }
        }
        return channels;
    }

    /** Takes the e-mail for this node: one atomic update, so of two nodes asking at once one wins. */
    private boolean claim(long id, LocalDateTime at) {
        return tx.write(c -> outbox.claim(id, holder, at, at.minus(CLAIM_TIMEOUT)) == 1);
    }

    /** Writes the outcome and lets go of the claim (a retry may be sent by any node). */
    private void finish(Outgoing o, List<String> failed, String errors, LocalDateTime now) {
        int attempts = o.attempts() + 1;
        String error = failed.isEmpty() ? null : errors;
        String status = error == null ? "sent" : attempts >= MAX_ATTEMPTS ? "failed" : "pending";
        String channels = failed.isEmpty() ? null : String.join(",", failed);
        if ("failed".equals(status)) {
            LOG.warn("Giving up notification {} after {} attempts: {}", o.id(), attempts, error);
        }
        String reason = error == null ? null : error.length() > 500 ? error.substring(0, 500) : error;
        LocalDateTime next = now.plusMinutes((long) Math.pow(2, attempts));
        tx.write(c -> {
            outbox.finish(o.id(), holder, status, attempts, next, reason, channels);
            return null;
        });
    }

    /** Gives the lease back when the node shuts down, so another node (or this one restarted) runs the jobs at once. */
    @PreDestroy
    void releaseLease() {
        try {
            leases.release(LEASE, holder);
        } catch (RuntimeException e) {
            LOG.warn("Could not give back the flow jobs' lease; it expires by itself: {}", e.getMessage());
        }
    }
}
