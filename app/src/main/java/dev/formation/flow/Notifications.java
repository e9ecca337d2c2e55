package dev.formation.flow;

import dev.formation.form.TextRules;
import dev.formation.i18n.Texts;
import dev.formation.plugin.api.Message;
import dev.formation.plugin.api.Notification;
import dev.formation.plugin.api.Notifier;
import dev.formation.security.UserAccount;
import dev.formation.security.UserRepository;
import io.micronaut.data.model.Pageable;
import jakarta.inject.Singleton;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Writes notifications in the caller's transaction, in each recipient's language, so a task
 * and the message about it exist together or not at all. A row waits in the outbox for the
 * configured channels that the recipient's preferences ({@link ChannelPreferences}) choose and
 * that can reach them (e-mail only with an address).
 */
@Singleton
public class Notifications {

    private final NotifierRegistry notifiers;
    private final NotificationRepository rows;
    private final UserRepository users;
    private final ChannelPreferences preferences;

    public Notifications(NotifierRegistry notifiers, NotificationRepository rows, UserRepository users,
                         ChannelPreferences preferences) {
        this.preferences = preferences;
        this.notifiers = notifiers;
        this.rows = rows;
        this.users = users;
    }

    /** A person named in a message ("陈静 催您…"): written as their name, never their username. */
    public record Person(String username) {
    }

    /**
     * @param kind a key under {@code notify.} in the messages, with {@code .subject} and {@code .body}
     * @param args the texts' arguments; {@link Message}s are put in the recipient's language and
     *             {@link Person}s become their names
     */
    public void send(String username, String kind, String link, Long instanceId, LocalDateTime now, Object... args) {
        Optional<UserAccount> user = users.findByUsername(username).filter(UserAccount::enabled);
        if (user.isEmpty()) {
            return;
        }
        String email = user.get().email();
        String language = user.get().locale();
        Locale locale = Locale.forLanguageTag(language != null && !language.isBlank() ? language
                : Message.DEFAULT_LANGUAGE);
        Object[] localised = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            localised[i] = args[i] instanceof Message m ? m.in(locale)
                    : args[i] instanceof Person p ? name(p.username()) : args[i];
        }
        String subject = clip(Texts.get(locale, "notify." + kind + ".subject", localised), 300);
        String body = clip(Texts.get(locale, "notify." + kind + ".body", localised), 2000);
        Notification probe = new Notification(username, user.get().name(), email == null ? "" : email.strip(),
                subject, body, link);
        Set<String> wanted = preferences.channels(user.get());
        List<String> channels = notifiers.notifiers().stream()
                .filter(n -> wanted.contains(n.channel()) && n.reaches(probe))
                .map(Notifier::channel).toList();
        rows.save(StoredNotification.of(username, now, kind, subject, body, link, instanceId,
                channels.isEmpty() ? "none" : "pending", channels.isEmpty() ? null : String.join(",", channels)));
    }

    /** A user's name; the engine itself and unknown users keep their username. */
    private String name(String username) {
        return users.findByUsername(username).map(UserAccount::name).filter(n -> !n.isBlank()).orElse(username);
    }

    /** The user's newest notifications. */
    public List<Map<String, Object>> recent(String username, int limit) {
        return rows.findByUsernameOrderByIdDesc(username, Pageable.from(0, limit)).stream()
                .map(StoredNotification::view).toList();
    }

    /** Where one of the user's notifications leads; empty when it is not theirs or has no link. */
    public Optional<String> link(String username, long id) {
        return rows.findLinkByIdAndUsername(id, username);
    }

    public int unread(String username) {
        return (int) rows.countByUsernameAndReadAtIsNull(username);
    }

    /** Marks one (id) or all (null) of the user's notifications read. */
    public void markRead(String username, Long id, LocalDateTime now) {
        if (id == null) {
            rows.markAllRead(username, now);
        } else {
            rows.markRead(username, id, now);
        }
    }

    private static String clip(String text, int max) {
        return text.length() <= max ? text : TextRules.clip(text, max - 1) + "…";
    }
}
