package dev.formation.testing;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/** Customers made for the list-export tests: an all-digit credit code, a select, a date, two contacts. */
public final class ExportedCustomers {

    private ExportedCustomers() {
    }

    /**
     * A unified social credit code of digits only (a valid check character that happens to be a
     * digit): the kind a spreadsheet turns into 9.11E+17 unless the cell is text.
     */
    public static String digitsOnlyUscc(long seed) {
        for (long n = seed; ; n++) {
            String first17 = "91350100" + String.format("%09d", Math.floorMod(n, 1_000_000_000L));
            char check = Customers.usccCheck(first17);
            if (Character.isDigit(check)) {
                return first17 + check;
            }
        }
    }

    /** Creates one as {@code user}; returns the created record. */
    public static JsonNode create(Api api, String user, String name, String uscc) {
        Map<String, Object> customer = Customers.valid(name);
        customer.put("uscc", uscc);
        customer.put("industry", "C");
        customer.put("contacts", List.of(Customers.contact("林晓峰", "13905918888"),
                Customers.contact("=陈静", "13905917777")));
        return api.as(user).post("/api/forms/customer/records", customer).expect(201).json();
    }
}
