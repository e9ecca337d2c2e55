package dev.formation.flow;

import dev.formation.metadata.MetadataHolder;
import dev.formation.security.Role;
import dev.formation.security.RoleCatalog;
import dev.formation.security.UserAccount;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which channels a person's notifications go out over, besides the in-app inbox that always
 * has them. A role may say so in its metadata ({@code notify: [dingtalk]}; the lists of a user's
 * roles add up, {@code []} means the inbox only); when none of the user's roles does, the
 * setting {@code formation.notifications.channels} applies: {@code *} (the default) for every
 * configured channel, a list such as {@code email,wecom}, or {@code none}.
 */
@Singleton
public class ChannelPreferences {

    private final Set<String> defaults;
    private final MetadataHolder metadata;

    public ChannelPreferences(@Value("${formation.notifications.channels:*}") String defaults, MetadataHolder metadata) {
        this.defaults = parse(defaults);
        this.metadata = metadata;
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
        Set<String> channels = new LinkedHashSet<>();
        Arrays.stream(s.split(",")).map(String::strip).filter(c -> !c.isEmpty()).forEach(channels::add);
        return Set.copyOf(channels);
    }

    /** Whether the user's notifications go out over {@code channel}. */
    public boolean wants(UserAccount user, String channel) {
        return chosen(user).map(c -> c.contains(channel)).orElse(true);
    }

    /** The channels the user's roles (or the default) name; empty for every channel. */
    Optional<Set<String>> chosen(UserAccount user) {
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
        return Optional.ofNullable(named != null ? named : defaults);
    }
}
