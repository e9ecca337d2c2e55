package dev.formation.security;

import dev.formation.i18n.Texts;
import dev.formation.core.Actor;
import dev.formation.core.FieldError;
import dev.formation.core.ForbiddenException;
import dev.formation.core.NotFoundException;
import dev.formation.core.ValidationException;
import dev.formation.store.Tx;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Delegation (代理设置): grants, revocations, and acting for a principal. A delegate who acts
 * becomes an actor with the principal's identity and roles, marked with the delegate's name,
 * so ownership goes to the principal and the audit names both.
 */
@Singleton
public class DelegationService {

    private static final Set<String> KINDS = Set.of(Delegation.CREATE, Delegation.APPROVE);

    private final Tx tx;
    private final UserRepository users;
    private final AuditTrail audit;

    private final Clock clock;

    public DelegationService(Tx tx, UserRepository users, AuditTrail audit, Clock clock) {
        this.clock = clock;
        this.tx = tx;
        this.users = users;
        this.audit = audit;
    }

    public Delegation grant(Actor principal, String delegate, String kind, LocalDateTime startsAt,
                            LocalDateTime endsAt, Locale locale) {
        List<FieldError> errors = new ArrayList<>();
        if (delegate == null || users.findByUsername(delegate).isEmpty() || delegate.equals(principal.username())) {
            errors.add(new FieldError("delegate", Texts.get(locale, "validation.user", "delegate")));
        }
        if (kind == null || !KINDS.contains(kind)) {
            errors.add(new FieldError("kind", Texts.get(locale, "validation.option", "kind")));
        }
        if (startsAt == null || endsAt == null || !endsAt.isAfter(startsAt)) {
            errors.add(new FieldError("ends_at", Texts.get(locale, "validation.delegationWindow")));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        LocalDateTime now = LocalDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS);
        long id = tx.write(c -> {
            long newId;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO `delegations` (`principal`, `delegate`, `kind`, "
                    + "`starts_at`, `ends_at`, `created_at`) VALUES (?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, principal.username());
                ps.setString(2, delegate);
                ps.setString(3, kind);
                ps.setObject(4, startsAt);
                ps.setObject(5, endsAt);
                ps.setObject(6, now);
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    newId = keys.getLong(1);
                }
            }
            audit.record(c, principal, "delegate", null, null, Map.of("delegation", java.util.Arrays.asList(null,
                    Map.of("id", newId, "delegate", delegate, "kind", kind, "starts_at", startsAt.toString(),
                            "ends_at", endsAt.toString()))), now);
            return newId;
        });
        return find(id).orElseThrow();
    }

    /** Revokes a grant; only its principal (or an admin, {@code asAdmin}) may. */
    public void revoke(long id, Actor actor, boolean asAdmin) {
        Delegation d = find(id).orElseThrow(() -> new NotFoundException("delegation " + id));
        if (!asAdmin && !d.principal().equals(actor.username())) {
            throw new NotFoundException("delegation " + id);
        }
        LocalDateTime now = LocalDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS);
        tx.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE `delegations` SET `revoked_at` = ? WHERE `id` = ? "
                    + "AND `revoked_at` IS NULL")) {
                ps.setObject(1, now);
                ps.setLong(2, id);
                ps.executeUpdate();
            }
            audit.record(c, actor, "revoke_delegation", null, null,
                    Map.of("delegation", java.util.Arrays.asList(id, null)), now);
            return null;
        });
    }

    public List<Delegation> given(String principal) {
        return query(By.PRINCIPAL, principal);
    }

    public List<Delegation> received(String delegate) {
        return query(By.DELEGATE, delegate);
    }

    /** The columns delegations are looked up by; fixed, so the SQL is too. */
    private enum By {
        ID("`id`"), PRINCIPAL("`principal`"), DELEGATE("`delegate`");

        private final String column;

        By(String column) {
            this.column = column;
        }
    }

    /**
     * The actor a delegate becomes when acting for {@code principal}: refused (403) unless a
     * grant of that kind is active now.
     */
    public Actor actFor(Actor delegate, String principal, String kind) {
        LocalDateTime now = LocalDateTime.now(clock);
        boolean active = received(delegate.username()).stream()
                .anyMatch(d -> d.principal().equals(principal) && d.kind().equals(kind) && d.activeAt(now));
        if (!active) {
            throw new ForbiddenException("no active delegation from " + principal);
        }
        UserAccount p = users.findByUsername(principal).filter(UserAccount::enabled)
                .orElseThrow(() -> new ForbiddenException("principal " + principal + " is not an active user"));
        return new Actor(p.username(), p.name(), p.department(), p.roleList(), delegate.username());
    }

    /** Principals the user may act for now, of a kind (for pickers). */
    public List<String> principalsFor(String delegate, String kind) {
        LocalDateTime now = LocalDateTime.now(clock);
        return received(delegate).stream().filter(d -> d.kind().equals(kind) && d.activeAt(now))
                .map(Delegation::principal).distinct().toList();
    }

    private Optional<Delegation> find(long id) {
        List<Delegation> found = query(By.ID, id);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    private List<Delegation> query(By by, Object value) {
        String sql = "SELECT `id`, `principal`, `delegate`, `kind`, `starts_at`, `ends_at`, `revoked_at` "
                + "FROM `delegations` WHERE %s = ? ORDER BY `id` DESC".formatted(by.column);
        return tx.read(c -> {
            List<Delegation> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setObject(1, value);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(row(rs));
                    }
                }
            }
            return out;
        });
    }

    private static Delegation row(ResultSet rs) throws SQLException {
        return new Delegation(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getObject(5, LocalDateTime.class), rs.getObject(6, LocalDateTime.class),
                rs.getObject(7, LocalDateTime.class));
    }
}
