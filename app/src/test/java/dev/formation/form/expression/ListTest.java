package dev.formation.form.expression;

import static dev.formation.form.expression.Fixtures.eval;
import static dev.formation.form.expression.Fixtures.number;
import static dev.formation.form.expression.Fixtures.vars;
import static dev.formation.form.expression.NumberAssertions.assertNumber;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ListTest {

    private static final Map<String, Object> CONTACTS = Map.of("contacts", List.of(
            vars("mobile", "13800000001", "amount", 100),
            vars("mobile", null, "amount", 20.5d),
            vars("mobile", "13800000003", "amount", null)));

    @Test
    void listLiteralsHoldMixedValues() {
        assertEquals(List.of(BigDecimal.ONE, number("2"), "a"), eval("[1, 2, 'a']"));
        assertEquals(List.of(), eval("[]"));
        assertEquals(Arrays.asList(null, true), eval("[null, true]"));
    }

    @Test
    void memberOfAListMapsOverItsElements() {
        assertEquals(Arrays.asList("13800000001", null, "13800000003"), eval("contacts.mobile", CONTACTS));
    }

    @Test
    void aggregatesSkipNulls() {
        assertNumber("120.5", eval("sum(contacts.amount)", CONTACTS));
        assertNumber("60.25", eval("avg(contacts.amount)", CONTACTS));
        assertNumber("2", eval("count(contacts.mobile)", CONTACTS));
        assertNumber("3", eval("len(contacts.mobile)", CONTACTS));
        assertNumber("3", eval("count(contacts)", CONTACTS));
        assertNumber("20.5", eval("min(contacts.amount)", CONTACTS));
        assertNumber("100", eval("max(contacts.amount)", CONTACTS));
    }

    @Test
    void averageDividesWithTenDecimals() {
        assertEquals(number("0.6666666667"), eval("avg([1, 0, 1])"));
        assertNull(eval("avg([])"));
        assertNull(eval("avg([null])"));
    }

    @Test
    void minAndMaxOverArgumentsOrOneList() {
        assertNumber("3", eval("max(3, 1, 2)"));
        assertNumber("1", eval("min(3, 1, 2)"));
        assertNumber("-1", eval("min([3, -1, 2])"));
        assertEquals("a", eval("min('b', 'a', 'c')"));
        assertNumber("5", eval("max(5)"));
        assertNull(eval("max([])"));
        assertNull(eval("max([null])"));
    }

    @Test
    void nestedListMembersAreFlattened() {
        Map<String, Object> orders = Map.of("orders", List.of(
                Map.of("items", List.of(Map.of("price", 1), Map.of("price", 2))),
                Map.of("items", List.of(Map.of("price", 4)))));
        assertEquals(List.of(number("1"), number("2"), number("4")), eval("orders.items.price", orders));
        assertNumber("7", eval("sum(orders.items.price)", orders));
    }

    @Test
    void membershipInMappedLists() {
        assertEquals(true, eval("'13800000003' in contacts.mobile", CONTACTS));
        assertEquals(false, eval("'13800000009' in contacts.mobile", CONTACTS));
        assertEquals(true, eval("contains(contacts.mobile, '13800000001')", CONTACTS));
        assertEquals(true, eval("contains(tags, 2)", Map.of("tags", List.of(1, 2))));
    }

    @Test
    void elementsThatAreNotObjectsHaveNoMembers() {
        assertEquals(Arrays.asList(null, "x"), eval("anything.a", vars("anything", List.of("s", Map.of("a", "x")))));
    }

    @Test
    void roundAndAbs() {
        assertNumber("3", eval("round(2.5)"));
        assertNumber("-3", eval("round(-2.5)"));
        assertEquals(number("2.35"), eval("round(2.345, 2)"));
        assertNumber("1200", eval("round(1234, -2)"));
        assertNumber("4.2", eval("abs(-4.2)"));
    }

    @Test
    void ifChoosesByTruthiness() {
        assertEquals("big", eval("if(amount > 10, 'big', 'small')", vars("amount", 11)));
        assertEquals("small", eval("if(amount > 10, 'big', 'small')", vars("amount", 1)));
        assertEquals("none", eval("if(tags, 'some', 'none')", vars("tags", List.of())));
    }
}
