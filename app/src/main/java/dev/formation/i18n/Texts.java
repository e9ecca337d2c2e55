package dev.formation.i18n;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The platform's texts from {@code i18n/messages*.properties} (UTF-8). zh-CN is the base
 * bundle, so any language we lack falls back to Chinese, the product's default.
 */
public final class Texts {

    public static final Locale ZH_CN = Locale.forLanguageTag("zh-CN");
    public static final List<Locale> SUPPORTED = List.of(ZH_CN, Locale.ENGLISH);

    private static final Map<Locale, ResourceBundle> BUNDLES = new ConcurrentHashMap<>();

    private Texts() {
    }

    /** The supported locale closest to the one asked for. */
    public static Locale supported(Locale requested) {
        if (requested != null && "en".equals(requested.getLanguage())) {
            return Locale.ENGLISH;
        }
        return ZH_CN;
    }

    public static String get(Locale locale, String key, Object... args) {
        ResourceBundle bundle = BUNDLES.computeIfAbsent(supported(locale), l ->
                ResourceBundle.getBundle("i18n.messages", l, ResourceBundle.Control.getNoFallbackControl(
                        ResourceBundle.Control.FORMAT_PROPERTIES)));
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            return key;
        }
        return args.length == 0 ? pattern : new MessageFormat(pattern, supported(locale)).format(args);
    }

    /** Every text of a locale, for templates. */
    public static Map<String, String> all(Locale locale) {
        get(locale, "app.name");
        ResourceBundle bundle = BUNDLES.get(supported(locale));
        Map<String, String> out = new java.util.HashMap<>();
        for (String key : bundle.keySet()) {
            out.put(key, bundle.getString(key));
        }
        return out;
    }
}
