package dev.formation.flow;

import dev.formation.core.Actor;
import dev.formation.core.FieldError;
import dev.formation.core.ValidationException;
import dev.formation.i18n.Texts;
import dev.formation.metadata.MetadataHolder;
import dev.formation.plugin.api.Notifier;
import dev.formation.security.AuditTrail;
import dev.formation.security.Role;
import dev.formation.security.RoleCatalog;
import dev.formation.security.UserAccount;
import dev.formation.store.Tx;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which channels a person's notifications go out over, besides the in-app inbox that always
 * has them. The first of these that says so decides:
 * <ol>
 *   <li>the person's own choice (on their account page or {@code PUT /api/me/notification-channels});
 *       an empty choice means the inbox only;</li>
 *   <li>their roles' metadata ({@code notify: [dingtalk]}; the lists of a user's roles add up,
 *       {@code []} means the inbox only);</li>
 *   <li>the setting {@code formation.notifications.channels}: {@code *} (the default) for every
 *       configured channel, a list such as {@code email,wecom}, or {@code none}.</li>
 * </ol>
 */
@Singleton
public class ChannelPreferences {

    /** Where a person's channels come from. */
    public enum Source {
        OWN, ROLES, DEFAULT
    }

    /**
     * A person's channels and why.
     *
     * @param available the channels this deployment has configured, in the notifiers' order
     * @param own       the person's own choice, or null when they made none
     * @param inherited what applies without a choice of their own (their roles', else the default),
     *                  limited to the available channels
     * @param effective the channels their notifications go out over
     */
    public record Choice(List<String> available, @Nullable Set<String> own, Set<String> inherited,
                         Set<String> effective, Source source) {
    }

    private final Set<String> defaults;
    private final MetadataHolder metadata;
    private final NotificationPreferenceRepository choices;
    private final NotifierRegistry notifiers;
    private final AuditTrail audit;
    private final Tx tx;
    private final Clock clock;

    public ChannelPreferences(@Value("${formation.notifications.channels:*}") String defaults, MetadataHolder metadata,
                              NotificationPreferenceRepository choices, NotifierRegistry notifiers, AuditTrail audit,
                              Tx tx, Clock clock) {
        this.defaults = parse(defaults);
        this.metadata = metadata;
        this.choices = choices;
        this.notifiers = notifiers;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    /** null for "every channel"; otherwise the channels named. */
    private static Set<String> parse(String setting) {
        String s = setting == null ? "" : setting.strip().toLowerCase(Locale.ROOT);
        if (s.isEmpty() || s.equals("*")) {
            return null;
        }
        if (s.equals("none")) {
            return Set.of();
        }
        return split(s);
    }

    private static Set<String> split(String stored) {
        Set<String> channels = new LinkedHashSet<>();
        Arrays.stream(stored.split(",")).map(String::strip).filter(c -> !c.isEmpty()).forEach(channels::add);
        return channels;
    }

    /** The channels (of those configured) that the user's notifications go out over. */
    public Set<String> channels(UserAccount user) {
        return choice(user).effective();
    }

    public Choice choice(UserAccount user) {
        List<String> available = available();
        Set<String> own = choices.findById(user.username()).map(p -> split(p.channels())).orElse(null);
        Set<String> roles = roleChannels(user);
        Set<String> inherited = within(available, roles != null ? roles : defaults);
        if (own != null) {
            return new Choice(available, own, inherited, within(available, own), Source.OWN);
        }
        return new Choice(available, null, inherited, inherited, roles != null ? Source.ROLES : Source.DEFAULT);
    }

    /**
     * Sets the person's own channels, or (null) drops their choice so their roles' or the default
     * applies again. Every channel named must be one this deployment has; audited.
     */
    public Choice choose(Actor actor, UserAccount user, @Nullable List<String> channels, Locale locale) {
        List<String> available = available();
        Set<String> chosen = null;
        if (channels != null) {
            chosen = new LinkedHashSet<>();
            for (String c : channels) {
                String channel = c == null ? "" : c.strip().toLowerCase(Locale.ROOT);
                if (!available.contains(channel)) {
                    throw new ValidationException(List.of(new FieldError("channels",
                            Texts.get(locale, "validation.channel", String.valueOf(c), String.join(", ", available)))));
                }
                chosen.add(channel);
            }
        }
        Set<String> before = choices.findById(user.username()).map(p -> split(p.channels())).orElse(null);
        Set<String> after = chosen;
        LocalDateTime now = LocalDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS);
        if (!java.util.Objects.equals(before, after)) {
            tx.write(c -> {
                if (after == null) {
                    choices.deleteById(user.username());
                } else if (before == null) {
                    choices.save(new NotificationPreference(user.username(), String.join(",", after), now));
                } else {
                    choices.update(new NotificationPreference(user.username(), String.join(",", after), now));
                }
                audit.record(actor, "notification_channels", null, null, Map.of("channels",
                        Arrays.asList(before == null ? null : List.copyOf(before), after == null ? null : List.copyOf(after))),
                        now);
                return null;
            });
        }
        return choice(user);
    }

    /** A channel's name for people: the messages' {@code channel.<name>}, or the plugin's own name. */
    public static String label(Locale locale, String channel) {
        String key = "channel." + channel;
        String text = Texts.get(locale, key);
        return text.equals(key) ? channel : text;
    }

    private List<String> available() {
        return notifiers.notifiers().stream().map(Notifier::channel).distinct().toList();
    }

    /** null (every channel) kept as every available one; otherwise the named ones available, in the notifiers' order. */
    private static Set<String> within(List<String> available, @Nullable Set<String> named) {
        Set<String> out = new LinkedHashSet<>();
        available.stream().filter(c -> named == null || named.contains(c)).forEach(out::add);
        return out;
    }

    /** The channels the user's roles name, or null when none of them names any. */
    private Set<String> roleChannels(UserAccount user) {
        RoleCatalog roles = metadata.current().get(RoleCatalog.class);
        Set<String> named = null;
        for (String key : user.roleList()) {
            Set<String> own = roles.role(key).map(Role::channels).orElse(null);
            if (own != null) {
                if (named == null) {
                    named = new LinkedHashSet<>();
                }
                named.addAll(own);
            }
        }
        return named;
    }
}
