package dev.formation.web;

import dev.formation.i18n.Texts;
import io.micronaut.http.HttpRequest;

import java.util.Locale;

/** The language of a request: {@code ?lang=}, then the {@code lang} cookie, then Accept-Language; zh-CN by default. */
public final class RequestLocale {

    public static final String COOKIE = "lang";

    private RequestLocale() {
    }

    public static Locale of(HttpRequest<?> request) {
        String param = request.getParameters().get("lang");
        if (param != null) {
            return Texts.supported(Locale.forLanguageTag(param));
        }
        var cookie = request.getCookies().findCookie(COOKIE);
        if (cookie.isPresent()) {
            return Texts.supported(Locale.forLanguageTag(cookie.get().getValue()));
        }
        String header = request.getHeaders().get("Accept-Language");
        if (header != null && !header.isBlank()) {
            try {
                var ranges = Locale.LanguageRange.parse(header);
                Locale best = Locale.lookup(ranges, Texts.SUPPORTED);
                if (best != null) {
                    return best;
                }
                if (!ranges.isEmpty()) {
                    return Texts.supported(Locale.forLanguageTag(ranges.get(0).getRange()));
                }
            } catch (IllegalArgumentException e) {
                return Texts.ZH_CN;
            }
        }
        return Texts.ZH_CN;
    }
}
