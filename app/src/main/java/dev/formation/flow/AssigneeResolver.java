package dev.formation.flow;

import dev.formation.security.AccessPolicy;
import dev.formation.security.Organisation;
import dev.formation.security.UserAccount;
import dev.formation.security.UserRepository;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the people an assignee rule names, for one record and submitter, in a stable order.
 * Disabled users are never assigned; a rule that finds nobody returns an empty list and the
 * caller falls back or refuses.
 */
@Singleton
public class AssigneeResolver {

    private final UserRepository users;
    private final AccessPolicy access;

    public AssigneeResolver(UserRepository users, AccessPolicy access) {
        this.users = users;
        this.access = access;
    }

    /**
     * @param record the record as stored (user and department fields are usernames and keys)
     * @param chosen the user the submitter picked, for a choose-from-role rule
     */
    public List<String> resolve(AssigneeRule rule, String submitter, Map<String, Object> record, String chosen) {
        Set<String> out = new LinkedHashSet<>();
        switch (rule.kind()) {
            case USERS -> out.addAll(rule.users());
            case ROLE -> users.findAllOrderByUsername().stream().filter(UserAccount::enabled)
                    .filter(u -> u.roleList().contains(rule.value())).forEach(u -> out.add(u.username()));
            case CHOOSE_FROM_ROLE -> {
                if (chosen != null && hasRole(chosen, rule.value())) {
                    out.add(chosen);
                }
            }
            case SUPERVISOR -> supervisors(submitter, rule.levels()).stream().skip(rule.levels() - 1L).findFirst()
                    .ifPresent(out::add);
            case SUPERVISORS -> out.addAll(supervisors(submitter, rule.levels()));
            case DEPARTMENT_LEADER -> leader(rule.value(), submitter, record).ifPresent(out::add);
            case FIELD -> {
                Object value = record.get(rule.value());
                if (value instanceof String s && !s.isBlank()) {
                    out.add(s);
                }
            }
            default -> throw new IllegalStateException("unknown rule " + rule.kind());
        }
        return enabled(new ArrayList<>(out));
    }

    /** Whether the user exists, is enabled and has the role: the check on a submitter's choice. */
    public boolean hasRole(String username, String role) {
        return users.findByUsername(username).filter(UserAccount::enabled)
                .map(u -> u.roleList().contains(role)).orElse(false);
    }

    /** Enabled users of a role, for the submitter's choice list. */
    public List<UserAccount> usersWithRole(String role) {
        return users.findAllOrderByUsername().stream().filter(UserAccount::enabled)
                .filter(u -> u.roleList().contains(role)).toList();
    }

    /** The submitter's supervisor, theirs, and so on, up to {@code levels}; a cycle stops the walk. */
    public List<String> supervisors(String username, int levels) {
        List<String> chain = new ArrayList<>();
        String current = username;
        for (int i = 0; i < levels; i++) {
            String next = users.findByUsername(current).map(UserAccount::supervisor).orElse(null);
            if (next == null || next.equals(username) || chain.contains(next)) {
                break;
            }
            chain.add(next);
            current = next;
        }
        return chain;
    }

    private Optional<String> leader(String of, String submitter, Map<String, Object> record) {
        String department = switch (of) {
            case "submitter" -> users.findByUsername(submitter).map(UserAccount::department).orElse(null);
            case "owner" -> record.get("owner") instanceof String owner
                    ? users.findByUsername(owner).map(UserAccount::department).orElse(null) : null;
            default -> record.get(of) instanceof String d ? d : null;
        };
        if (department == null) {
            return Optional.empty();
        }
        Organisation org = access.organisation();
        // a department without a leader of its own is led by the nearest leader above it
        for (String d : org.ancestorsOrSelf(department)) {
            String leader = org.leaderOf(d);
            if (leader != null) {
                return Optional.of(leader);
            }
        }
        return Optional.empty();
    }

    private List<String> enabled(List<String> usernames) {
        if (usernames.isEmpty()) {
            return usernames;
        }
        Set<String> ok = new LinkedHashSet<>();
        users.findByUsernameIn(usernames).stream().filter(UserAccount::enabled).forEach(u -> ok.add(u.username()));
        return usernames.stream().filter(ok::contains).toList();
    }
}
