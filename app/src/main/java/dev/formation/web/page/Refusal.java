package dev.formation.web.page;

import dev.formation.i18n.Texts;
import dev.formation.core.ConflictException;
import dev.formation.core.FieldError;
import dev.formation.core.ForbiddenException;
import dev.formation.core.StateConflictException;
import dev.formation.core.ValidationException;
import io.micronaut.http.HttpStatus;

import java.util.List;
import java.util.Locale;

/**
 * A service's refusal of a posted flow action, as the page shows it again: the status to answer
 * with and the messages (field errors, or one message such as "already handled"). Anything
 * that is not a refusal (a 404, a bug) is not caught here and reaches the error page.
 */
public record Refusal(HttpStatus status, List<FieldError> errors) {

    public static final Refusal NONE = new Refusal(HttpStatus.OK, List.of());

    /** The refusal for a service exception, or null when {@code e} is no refusal the page shows. */
    public static Refusal of(RuntimeException e, Locale locale) {
        if (e instanceof ValidationException v) {
            return new Refusal(HttpStatus.BAD_REQUEST, v.errors());
        }
        if (e instanceof StateConflictException s) {
            return message(HttpStatus.CONFLICT, Texts.get(locale, s.textKey(), s.args()));
        }
        if (e instanceof ConflictException c) {
            return message(HttpStatus.CONFLICT, Texts.get(locale, "problem.conflict", c.currentVersion()));
        }
        if (e instanceof ForbiddenException f) {
            return f.errors().isEmpty() ? message(HttpStatus.FORBIDDEN, Texts.get(locale, "problem.forbidden"))
                    : new Refusal(HttpStatus.FORBIDDEN, f.errors());
        }
        return null;
    }

    public static Refusal message(HttpStatus status, String message) {
        return new Refusal(status, List.of(new FieldError("", message)));
    }

    /** Runs a service call; a refusal comes back, anything else is thrown on. */
    public static Refusal attempt(Runnable action, Locale locale) {
        try {
            action.run();
            return null;
        } catch (RuntimeException e) {
            Refusal refusal = of(e, locale);
            if (refusal == null) {
                throw e;
            }
            return refusal;
        }
    }

    public PageErrors page() {
        return new PageErrors(errors);
    }

    public EditErrors edit() {
        return new EditErrors(errors);
    }
}
