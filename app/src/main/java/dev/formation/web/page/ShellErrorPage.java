package dev.formation.web.page;

import dev.formation.core.FieldError;
import dev.formation.web.error.ErrorPage;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;

/** The error page in the shell: the user's menus and language around the status and what went wrong. */
@Singleton
public class ShellErrorPage implements ErrorPage {

    private final PageRenderer pages;

    public ShellErrorPage(PageRenderer pages) {
        this.pages = pages;
    }

    @Override
    public String html(HttpRequest<?> request, HttpStatus status, String title, List<FieldError> errors) {
        return pages.html("error", Map.of("status", status.getCode(), "title", title,
                "errors", errors == null ? List.of() : errors), request);
    }
}
