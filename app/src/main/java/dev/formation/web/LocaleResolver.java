package dev.formation.web;

import io.micronaut.context.annotation.Primary;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.util.locale.CompositeHttpLocaleResolver;
import io.micronaut.http.server.util.locale.HttpLocaleResolver;
import jakarta.inject.Singleton;

import java.util.Locale;
import java.util.Optional;

/**
 * The framework's locale resolution is {@link RequestLocale}'s, so a handler's {@code Locale}
 * argument (bound by the framework's locale binder) is the language the request's pages and
 * messages are in.
 */
@Primary
@Singleton
@Replaces(CompositeHttpLocaleResolver.class)
public class LocaleResolver implements HttpLocaleResolver {

    @Override
    public Optional<Locale> resolve(HttpRequest<?> request) {
        return Optional.of(RequestLocale.of(request));
    }

    @Override
    public Locale resolveOrDefault(HttpRequest<?> request) {
        return RequestLocale.of(request);
    }
}
