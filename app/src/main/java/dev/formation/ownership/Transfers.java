package dev.formation.ownership;

import dev.formation.core.Actor;
import dev.formation.core.FieldError;
import dev.formation.core.ForbiddenException;
import dev.formation.core.NotFoundException;
import dev.formation.core.ValidationException;
import dev.formation.flow.Notifications;
import dev.formation.form.Form;
import dev.formation.form.PlatformColumns;
import dev.formation.i18n.Texts;
import dev.formation.record.OwnerChange;
import dev.formation.record.RecordService;
import dev.formation.security.AccessPolicy;
import dev.formation.security.UserAccount;
import dev.formation.security.UserRepository;
import dev.formation.store.Tx;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * 转移: hands a record to another person, with a reason, for those whose roles grant
 * {@code transfer} on the record's row. The change is validated and audited like any update,
 * kept in the owner history with its reason, and the receiver is notified in the same
 * transaction. Whether the giver can still see the record afterwards is theirs to learn.
 */
@Singleton
public class Transfers {

    public static final String TRANSFER = "transfer";
    /** The owner history keeps reasons up to this many characters. */
    public static final int MAX_REASON = 500;

    /** The outcome: the record's new owner, and whether the giver may still read it. */
    public record Transferred(long id, String owner, boolean readable) {
    }

    private final RecordService records;
    private final UserRepository users;
    private final Notifications notifications;
    private final Tx tx;
    private final Clock clock;

    public Transfers(RecordService records, UserRepository users, Notifications notifications, Tx tx, Clock clock) {
        this.records = records;
        this.users = users;
        this.notifications = notifications;
        this.tx = tx;
        this.clock = clock;
    }

    public Transferred transfer(String formKey, long id, String to, String reason, Actor actor, Locale locale) {
        Request request = request(to, reason, locale);
        return transfer(formKey, id, request, actor, locale);
    }

    /** The receiver and the reason, checked once for however many records they are for. */
    private record Request(UserAccount receiver, String reason) {
    }

    private Request request(String to, String reason, Locale locale) {
        String receiver = to == null ? "" : to.strip();
        String why = reason == null ? "" : reason.strip();
        List<FieldError> errors = new ArrayList<>();
        Optional<UserAccount> user = receiver.isEmpty() ? Optional.empty()
                : users.findByUsername(receiver).filter(UserAccount::enabled);
        if (user.isEmpty()) {
            errors.add(new FieldError("to", Texts.get(locale, "validation.transfer.receiver")));
        }
        if (why.isEmpty()) {
            errors.add(new FieldError("reason", Texts.get(locale, "validation.transfer.reason")));
        } else if (why.codePointCount(0, why.length()) > MAX_REASON) {
            errors.add(new FieldError("reason", Texts.get(locale, "validation.maxLength",
                    Texts.get(locale, "page.transfer.reason"), MAX_REASON)));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return new Request(user.get(), why);
    }

    private Transferred transfer(String formKey, long id, Request request, Actor actor, Locale locale) {
        Form form = records.form(formKey);
        if (!records.may(formKey, id, TRANSFER, actor)) {
            if (records.may(formKey, id, AccessPolicy.READ, actor)) {
                throw new ForbiddenException(formKey + " " + id + " transfer");
            }
            throw new NotFoundException(formKey + " " + id);
        }
        Map<String, Object> stored = records.stored(formKey, id);
        String receiver = request.receiver().username();
        if (Objects.equals(receiver, stored.get(PlatformColumns.OWNER))) {
            throw new ValidationException(List.of(new FieldError("to", Texts.get(locale, "validation.transfer.sameOwner",
                    request.receiver().name()))));
        }
        LocalDateTime now = LocalDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS);
        String title = title(form, stored);
        tx.write(c -> OwnerChange.within(TRANSFER, request.reason(), () -> {
            records.applyForFlow(formKey, id, Map.of(PlatformColumns.OWNER, receiver), actor, TRANSFER, locale);
            if (!receiver.equals(actor.username())) {
                notifications.send(receiver, "transferred", "/forms/" + formKey + "/" + id, null, now, form.label(),
                        title, new Notifications.Person(actor.username()), request.reason());
            }
            return null;
        }));
        return new Transferred(id, receiver, records.may(formKey, id, AccessPolicy.READ, actor));
    }

    /** One record of a batch the transfer refused, with why (its status and the problem's words or field errors). */
    public record Refused(long id, int status, String message, List<FieldError> errors) {
    }

    /** What a batch did: the records transferred, and those refused. */
    public record Batch(List<Transferred> transferred, List<Refused> refused) {
    }

    /**
     * Transfers each record on its own (one that is refused stops none of the others): those the
     * actor may not transfer, or that the receiver owns already, are named with why.
     */
    public Batch transferAll(String formKey, List<Long> ids, String to, String reason, Actor actor, Locale locale) {
        records.form(formKey);
        if (ids == null || ids.isEmpty()) {
            throw new ValidationException(List.of(new FieldError("ids", Texts.get(locale, "validation.required", "ids"))));
        }
        Request request = request(to, reason, locale);
        List<Transferred> done = new ArrayList<>();
        List<Refused> refused = new ArrayList<>();
        for (long id : new java.util.LinkedHashSet<>(ids)) {
            try {
                done.add(transfer(formKey, id, request, actor, locale));
            } catch (ValidationException e) {
                refused.add(new Refused(id, 400, null, e.errors()));
            } catch (ForbiddenException e) {
                refused.add(new Refused(id, 403, Texts.get(locale, "problem.forbidden"), List.of()));
            } catch (NotFoundException e) {
                refused.add(new Refused(id, 404, Texts.get(locale, "problem.notFound"), List.of()));
            }
        }
        return new Batch(done, refused);
    }

    private static String title(Form form, Map<String, Object> record) {
        Object title = record.get(form.titleField());
        return title == null || title.toString().isBlank() ? "#" + record.get(PlatformColumns.ID) : title.toString();
    }
}
