package dev.formation.security;

import dev.formation.i18n.Texts;
import dev.formation.core.Actor;
import dev.formation.core.FieldError;
import dev.formation.core.ForbiddenException;
import dev.formation.core.NotFoundException;
import dev.formation.core.ValidationException;
import dev.formation.store.Tx;
import jakarta.inject.Singleton;

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
    private final DelegationRepository grants;

    private final Clock clock;

    DelegationService(Tx tx, UserRepository users, AuditTrail audit, DelegationRepository grants, Clock clock) {
        this.clock = clock;
        this.grants = grants;
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
            long newId = grants.save(new Delegation(0, principal.username(), delegate, kind, startsAt, endsAt, null,
                    now)).id();
            audit.record(principal, "delegate", null, null, Map.of("delegation", java.util.Arrays.asList(null,
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
            grants.revoke(id, now);
            audit.record(actor, "revoke_delegation", null, null,
                    Map.of("delegation", java.util.Arrays.asList(id, null)), now);
            return null;
        });
    }

    public List<Delegation> given(String principal) {
        return tx.read(c -> grants.findByPrincipalOrderByIdDesc(principal));
    }

    public List<Delegation> received(String delegate) {
        return tx.read(c -> grants.findByDelegateOrderByIdDesc(delegate));
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
        return tx.read(c -> grants.findById(id));
    }
}
