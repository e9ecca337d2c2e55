package dev.formation.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.formation.testing.AppTestBase;
import dev.formation.testing.Customers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GET /api/forms/customer/records: keyword search, paging, sorting. */
class CustomerListIT extends AppTestBase {

    /** Two made-up words no demo record contains, and one for the paging set. */
    private final String alpha = word();
    private final String beta = word();
    private final String page = word();
    private final Map<String, Long> ids = new java.util.HashMap<>();

    private static String word() {
        StringBuilder w = new StringBuilder("Q");
        for (int i = 0; i < 6; i++) {
            w.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        return w.toString();
    }

    @BeforeAll
    void someCustomers() {
        add("both-in-name", alpha + "星" + beta + "科技有限公司", "王立");
        add("alpha-name-beta-rep", alpha + "北辰贸易有限公司", "张" + beta);
        add("beta-name-alpha-rep", beta + "南星物流有限公司", "李" + alpha);
        add("alpha-only", alpha + "东方建材有限公司", "赵四");
        add("beta-only", beta + "西岭食品有限公司", "钱五");
        for (String letter : List.of("C", "A", "E", "B", "D")) {
            add("page-" + letter, page + "-" + letter + "-分页客户有限公司", "孙" + letter);
        }
    }

    private void add(String label, String name, String legalRep) {
        Map<String, Object> c = Customers.valid(name);
        c.put("legal_rep", legalRep);
        ids.put(label, create(c).get("id").asLong());
    }

    @Test
    void oneKeywordMatchesAnySearchField() {
        assertEquals(Set.of(ids.get("both-in-name"), ids.get("alpha-name-beta-rep"), ids.get("beta-name-alpha-rep"),
                ids.get("alpha-only")), idsFor("q=" + alpha));
    }

    @Test
    void twoKeywordsMustBothMatchEachInAnyField() {
        assertEquals(Set.of(ids.get("both-in-name"), ids.get("alpha-name-beta-rep"), ids.get("beta-name-alpha-rep")),
                idsFor("q=" + Customers.encode(alpha + " " + beta)));
        assertEquals(idsFor("q=" + Customers.encode(alpha + " " + beta)),
                idsFor("q=" + Customers.encode("  " + beta + "   " + alpha + " ")), "order and extra spaces do not matter");
        assertEquals(Set.of(), idsFor("q=" + Customers.encode(alpha + " 不存在的词")));
    }

    @Test
    void searchFindsByCodeAndByCreditCode() {
        long id = ids.get("alpha-only");
        String code = read(id).get("code").asText();
        assertEquals(Set.of(id), idsFor("q=" + code));

        Map<String, Object> c = Customers.valid(Customers.uniqueName("信用码搜索"));
        String uscc = Customers.uscc();
        c.put("uscc", uscc);
        long withUscc = create(c).get("id").asLong();
        assertEquals(Set.of(withUscc), idsFor("q=" + uscc));
    }

    @Test
    void likeWildcardsInKeywordsAreLiteral() {
        assertEquals(Set.of(), idsFor("q=" + Customers.encode(alpha + "%")));
        assertEquals(Set.of(), idsFor("q=" + Customers.encode(alpha.substring(0, 3) + "_" + alpha.substring(4))));
    }

    @Test
    void pagesAreDisjointAndTotalIsTheMatchCount() {
        List<Long> seen = new ArrayList<>();
        for (int p = 1; p <= 3; p++) {
            JsonNode body = list("q=" + page + "&size=2&page=" + p + "&sort=name");
            assertEquals(5, body.get("total").asLong());
            assertEquals(p, body.get("page").asInt());
            assertEquals(2, body.get("size").asInt());
            assertEquals(p < 3 ? 2 : 1, body.get("items").size(), "page " + p);
            body.get("items").forEach(i -> seen.add(i.get("id").asLong()));
        }
        assertEquals(5, new HashSet<>(seen).size(), "no record on two pages: " + seen);
        JsonNode beyond = list("q=" + page + "&size=2&page=4");
        assertEquals(5, beyond.get("total").asLong());
        assertEquals(0, beyond.get("items").size());
    }

    @Test
    void sortsByNameBothWays() {
        assertEquals(List.of("A", "B", "C", "D", "E"), letters(list("q=" + page + "&sort=name")));
        assertEquals(List.of("E", "D", "C", "B", "A"), letters(list("q=" + page + "&sort=-name")));
        assertEquals(List.of("A", "B", "C", "D", "E"), letters(list("q=" + page + "&sort=legal_rep")));
    }

    @Test
    void theDefaultListHasTheDemoAndOurRecords() {
        JsonNode body = list("");
        assertTrue(body.get("total").asLong() >= 10 + ids.size(), body.get("total").toString());
        assertEquals(20, body.get("size").asInt(), "default page size");
        assertEquals(1, body.get("page").asInt());
    }

    @ParameterizedTest
    @ValueSource(strings = {"sort=no_such_column", "sort=-no_such_column", "sort=contacts", "sort=name;DROP TABLE f_customer",
        "sort=name,bogus", "size=0", "size=100000", "page=0", "page=abc"})
    void aBadListParameterIs400(String query) {
        AuthIT.assertProblem(api.as("admin").get(RECORDS + "?q=" + page + "&" + query.replace(" ", "%20")
                .replace(";", "%3B")), 400);
        assertEquals(5, list("q=" + page).get("total").asLong(), "still there");
    }

    private JsonNode list(String query) {
        return api.as("admin").get(RECORDS + "?" + query).expect(200).json();
    }

    private Set<Long> idsFor(String query) {
        Set<Long> out = new HashSet<>();
        JsonNode body = list(query + "&size=100");
        body.get("items").forEach(i -> out.add(i.get("id").asLong()));
        assertEquals(out.size(), body.get("total").asLong(), "total = items on one page");
        return out;
    }

    private List<String> letters(JsonNode body) {
        List<String> out = new ArrayList<>();
        body.get("items").forEach(i -> out.add(i.get("name").asText().substring(page.length() + 1, page.length() + 2)));
        return out;
    }
}
