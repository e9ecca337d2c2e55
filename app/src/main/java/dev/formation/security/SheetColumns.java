package dev.formation.security;

import dev.formation.i18n.Texts;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The columns of an organisation sheet, each known by its key and its header in every language
 * the app speaks, so a sheet exported in English imports on a Chinese page and the other way
 * round. Headers are {@code sheet.<kind>.<key>} in the i18n bundles.
 */
final class SheetColumns {

    private static final List<Locale> LANGUAGES = List.of(Locale.forLanguageTag("zh-CN"), Locale.ENGLISH);

    private final String kind;
    private final List<String> keys;

    SheetColumns(String kind, List<String> keys) {
        this.kind = kind;
        this.keys = List.copyOf(keys);
    }

    List<String> keys() {
        return keys;
    }

    String header(String key, Locale locale) {
        return Texts.get(locale, "sheet." + kind + "." + key);
    }

    List<String> headers(Locale locale) {
        return keys.stream().map(k -> header(k, locale)).toList();
    }

    /** Column index by key, from a header row; unknown headers are left out. */
    Map<String, Integer> locate(List<String> headerRow) {
        Map<String, String> byHeader = new HashMap<>();
        for (String key : keys) {
            byHeader.put(normal(key), key);
            LANGUAGES.forEach(l -> byHeader.put(normal(header(key, l)), key));
        }
        Map<String, Integer> at = new HashMap<>();
        for (int i = 0; i < headerRow.size(); i++) {
            String key = headerRow.get(i) == null ? null : byHeader.get(normal(headerRow.get(i)));
            if (key != null) {
                at.putIfAbsent(key, i);
            }
        }
        return at;
    }

    /** The cell of a column in a row, or empty. */
    static Optional<String> cell(List<String> row, Map<String, Integer> at, String key) {
        Integer i = at.get(key);
        return i == null || i >= row.size() ? Optional.empty() : Optional.ofNullable(row.get(i));
    }

    private static String normal(String header) {
        return header.replaceAll("[\\s*＊]+", "").toLowerCase(Locale.ROOT);
    }
}
