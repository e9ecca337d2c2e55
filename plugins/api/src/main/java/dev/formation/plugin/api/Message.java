package dev.formation.plugin.api;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A user-facing text in several languages, keyed by language tag ("zh-CN", "en").
 * The engine picks the viewer's language and falls back to zh-CN.
 */
public final class Message {
    public static final String DEFAULT_LANGUAGE = "zh-CN";

    private final Map<String, String> texts;

    private Message(Map<String, String> texts) {
        if (texts.isEmpty()) {
            throw new IllegalArgumentException("a message needs at least one language");
        }
        this.texts = Map.copyOf(texts);
    }

    public static Message of(String zhCn, String en) {
        return new Message(Map.of("zh-CN", Objects.requireNonNull(zhCn), "en", Objects.requireNonNull(en)));
    }

    public static Message of(Map<String, String> texts) {
        return new Message(texts);
    }

    /** The text for a locale: exact tag, then its language, then zh-CN, then any. */
    public String in(Locale locale) {
        String tag = locale.toLanguageTag();
        if (texts.containsKey(tag)) {
            return texts.get(tag);
        }
        for (Map.Entry<String, String> e : texts.entrySet()) {
            if (Locale.forLanguageTag(e.getKey()).getLanguage().equals(locale.getLanguage())) {
                return e.getValue();
            }
        }
        return texts.getOrDefault(DEFAULT_LANGUAGE, texts.values().iterator().next());
    }

    public Map<String, String> texts() {
        return texts;
    }

    @Override
    public String toString() {
        return in(Locale.forLanguageTag(DEFAULT_LANGUAGE));
    }
}
