package dev.formation.plugins.registry;

import dev.formation.plugin.api.CompanyCandidate;
import dev.formation.plugin.api.CompanyLookup;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Searches the companies of one registry file in memory: a registry of a few hundred thousand
 * companies is scanned in milliseconds, and the file is read once per node.
 */
final class RegistryLookup implements CompanyLookup {

    private record Entry(CompanyCandidate company, String name) {
    }

    private record Hit(CompanyCandidate company, int rank) {
    }

    private static final java.util.regex.Pattern SPACES = java.util.regex.Pattern.compile("\\s+");

    private final List<Entry> entries;

    RegistryLookup(List<CompanyCandidate> companies) {
        this.entries = companies.stream().map(c -> new Entry(c, normal(c.name()))).toList();
    }

    @Override
    public List<CompanyCandidate> search(String query, int limit) {
        String q = normal(query);
        if (q.isEmpty()) {
            return List.of();
        }
        String code = query.strip().toUpperCase(Locale.ROOT);
        List<String> words = Arrays.stream(SPACES.split(query.toLowerCase(Locale.ROOT).trim()))
                .filter(w -> !w.isEmpty()).toList();
        List<Hit> hits = new ArrayList<>();
        for (Entry e : entries) {
            int rank = rank(e, q, code, words);
            if (rank >= 0) {
                hits.add(new Hit(e.company(), rank));
            }
        }
        hits.sort(Comparator.comparingInt(Hit::rank).thenComparingInt(h -> h.company().name().length())
                .thenComparing(h -> h.company().name()));
        return hits.stream().limit(Math.max(limit, 1)).map(Hit::company).toList();
    }

    /** 0: the name or the code itself; 1: the name starts with the query; 2: a code starting with it; 3: every word in the name. */
    private static int rank(Entry e, String q, String code, List<String> words) {
        String credit = e.company().creditCode();
        if (e.name().equals(q) || code.equals(credit)) {
            return 0;
        }
        if (e.name().startsWith(q)) {
            return 1;
        }
        if (credit != null && code.length() >= 2 && credit.startsWith(code)) {
            return 2;
        }
        return words.stream().allMatch(e.name()::contains) ? 3 : -1;
    }

    @Override
    public int size() {
        return entries.size();
    }

    /** Lower case without spaces, so "华东 科技" finds 华东科技 and case never hides a Latin name. */
    private static String normal(String s) {
        return s == null ? "" : SPACES.matcher(s).replaceAll("").toLowerCase(Locale.ROOT);
    }
}
