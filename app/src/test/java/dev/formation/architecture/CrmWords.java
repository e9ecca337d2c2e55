package dev.formation.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words of the CRM (../shared/GLOSSARY.md) that the engine must not know: the CRM lives in
 * {@code metadata/}. Only words that mean the CRM and nothing else are here: "client", "owner",
 * "team" or "contact us" are the platform's own; "customer", 客户, "visit", 公海 are not.
 * English words are matched whole, after identifiers are split at {@code camelCase} and
 * {@code snake_case} boundaries, so {@code customerId} and {@code sales_target} count and
 * {@code dealer} or {@code visitor} do not.
 */
final class CrmWords {

    /** Single English words of the CRM. */
    private static final Set<String> WORDS = Set.of("customer", "customers", "visit", "visits", "deal", "deals",
            "opportunity", "opportunities", "payment", "payments", "salesperson", "salespeople", "sales", "uscc",
            "contact", "contacts", "prospect", "prospects");

    /** CRM ideas named by two words, each generic on its own. */
    private static final Set<String> PHRASES = Set.of("public pool", "daily report", "sales target", "legal rep",
            "former name", "follow up");

    /** Chinese terms; 客户端 (a client program) is not 客户 (a customer). */
    private static final Pattern CHINESE = Pattern.compile(
            "客户(?!端)|拜访|成交|商机|回款|公海|销售|日报|联系人|统一社会信用代码|法定代表人|曾用名|签单|合作伙伴|跟进");

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    private static final Pattern WORD_BOUNDARY = Pattern.compile("_+|(?<=[a-z0-9])(?=[A-Z])");

    /**
     * Words allowed where they mean something else, by where they are (a source path or a class's
     * package as a path, e.g. {@code dev/formation/flow/}).
     */
    private final Map<String, Set<String>> allowed;

    CrmWords(Map<String, Set<String>> allowed) {
        this.allowed = Map.copyOf(allowed);
    }

    /**
     * The engine's exceptions. "visit" is also a graph word: the expression language's tree visitor
     * ({@code NodeVisitor.visitBinary} ...) and the flow engine's pass through a node
     * ({@code flow_tasks.visit}: how many times an instance reached it, so a node reached again gets
     * fresh tasks), neither a salesperson's visit.
     */
    static CrmWords engine() {
        return new CrmWords(Map.of(
                "dev/formation/form/expression/", Set.of("visit"),
                "dev/formation/flow/", Set.of("visit"),
                "db/migration/", Set.of("visit")));
    }

    /** The CRM words in {@code text}, in the order found, less those allowed at {@code where}. */
    List<String> in(String text, String where) {
        Set<String> found = new LinkedHashSet<>();
        Matcher identifiers = IDENTIFIER.matcher(text);
        String previous = null;
        int previousEnd = -1;
        while (identifiers.find()) {
            boolean adjacent = previousEnd >= 0 && text.substring(previousEnd, identifiers.start()).isBlank();
            for (String part : WORD_BOUNDARY.split(identifiers.group())) {
                if (part.isEmpty()) {
                    continue;
                }
                String word = part.toLowerCase(Locale.ROOT);
                if (WORDS.contains(word)) {
                    found.add(word);
                }
                if (previous != null && adjacent && PHRASES.contains(previous + " " + word)) {
                    found.add(previous + " " + word);
                }
                previous = word;
                adjacent = true;
            }
            previousEnd = identifiers.end();
        }
        Matcher chinese = CHINESE.matcher(text);
        while (chinese.find()) {
            found.add(chinese.group());
        }
        List<String> out = new ArrayList<>();
        for (String word : found) {
            if (!allows(word, where)) {
                out.add(word);
            }
        }
        return out;
    }

    boolean allows(String word, String where) {
        return allowed.entrySet().stream().anyMatch(e -> where.contains(e.getKey()) && e.getValue().contains(word));
    }

    /** Reports each class, method or field whose name holds a CRM word; synthetic members (lambdas, enum helpers) are the compiler's. */
    ArchCondition<JavaClass> inNames() {
        return new ArchCondition<>("name no CRM word") {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                if (c.getSimpleName().isEmpty()) {
                    return;
                }
                String where = c.getPackageName().replace('.', '/') + "/";
                report(c, c.getSimpleName(), c.getName(), where, events);
                for (JavaField f : c.getFields()) {
                    if (!f.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.SYNTHETIC)) {
                        report(c, f.getName(), f.getFullName(), where, events);
                    }
                }
                for (JavaMethod m : c.getMethods()) {
                    if (!m.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.SYNTHETIC)
                            && !m.getName().contains("$")) {
                        report(c, m.getName(), m.getFullName(), where, events);
                    }
                }
            }

            private void report(JavaClass c, String name, String full, String where, ConditionEvents events) {
                List<String> words = in(name, where);
                if (!words.isEmpty()) {
                    events.add(SimpleConditionEvent.violated(c, full + " names " + words));
                }
            }
        };
    }
}
