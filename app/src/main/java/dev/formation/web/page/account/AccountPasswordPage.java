package dev.formation.web.page.account;

import dev.formation.core.Actor;
import dev.formation.core.FieldError;
import dev.formation.core.ValidationException;
import dev.formation.i18n.Texts;
import dev.formation.security.UserAdministration;
import dev.formation.web.page.PageErrors;
import dev.formation.web.page.Pages;
import dev.formation.web.protection.FormBody;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code /account/password}: a user changes their own password, proving the current one first.
 * The change ends the user's tokens on every device but this browser, which gets a new one.
 */
@Controller("/account/password")
@Produces(MediaType.TEXT_HTML)
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class AccountPasswordPage {

    private final UserAdministration users;
    private final TokenCookies cookies;
    private final Pages pages;

    public AccountPasswordPage(UserAdministration users, TokenCookies cookies, Pages pages) {
        this.users = users;
        this.cookies = cookies;
        this.pages = pages;
    }

    @Get
    public HttpResponse<?> form(HttpRequest<?> request, @Nullable @QueryValue String changed) {
        return render(request, HttpStatus.OK, PageErrors.none(), changed != null);
    }

    @Post
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> change(HttpRequest<?> request, Locale locale, FormBody posted, Actor actor) {
        String current = posted.first("old");
        String password = posted.first("password");
        List<FieldError> errors = new ArrayList<>();
        if (current == null || !users.checkPassword(actor.username(), current)) {
            errors.add(new FieldError("old", Texts.get(locale, "problem.badPassword")));
        }
        if (password == null || !password.equals(posted.first("confirm"))) {
            errors.add(new FieldError("confirm", Texts.get(locale, "page.password.mismatch")));
        }
        try {
            if (!errors.isEmpty()) {
                throw new ValidationException(errors);
            }
            users.setPassword(actor, actor.username(), password, locale);
        } catch (ValidationException e) {
            return render(request, HttpStatus.BAD_REQUEST,
                    new PageErrors(e.errors(), Map.of("password", Texts.get(locale, "page.password.new"))), false);
        }
        // the new password ended every token, this browser's too; it proved the old one, so it stays in
        // (after a redirect, so reloading the success page does not post the passwords again)
        return Pages.seeOther("/account/password?changed=1").cookie(cookies.issue(actor.username()));
    }

    /** Passwords are never put back into the page, even when refused. */
    private HttpResponse<?> render(HttpRequest<?> request, HttpStatus status, PageErrors errors, boolean changed) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("errors", errors.model());
        model.put("changed", changed);
        model.put("minLength", UserAdministration.MIN_PASSWORD);
        return pages.render(request, status, "account-password", model);
    }
}
