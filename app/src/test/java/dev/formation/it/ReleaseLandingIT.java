package dev.formation.it;

import dev.formation.testing.Api;
import dev.formation.testing.AppTestBase;
import dev.formation.testing.Customers;
import dev.formation.testing.Flows;
import dev.formation.testing.PageClient;
import dev.formation.testing.Resources;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static dev.formation.testing.PageClient.cookie;
import static dev.formation.testing.PageClient.html;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A flow action that ends at once and takes the record from the one who started it (here a
 * salesperson who may release their customer to the pool but not view the pool) lands on the
 * list with what happened, not on a page the user may no longer open.
 */
class ReleaseLandingIT extends AppTestBase {

    @Override
    protected Map<String, Object> overrides(Path tempDir) {
        return Map.of("formation.metadata-dir", Resources.folder("overlays/owner-release").toString());
    }

    @Test
    void releasingOnesOwnCustomerLandsOnTheListSayingSo() {
        Flows flows = new Flows(api);
        PageClient pages = new PageClient(api);
        String name = Customers.uniqueName("释放落地");
        long id = flows.approveCustomer("sales1",
                api.as("sales1").post(RECORDS, Customers.valid(name)).expect(201).json().get("id").asLong());
        String detail = html(pages.get("sales1", "/forms/customer/" + id).expect(200));
        assertTrue(detail.contains("action=\"/forms/customer/" + id + "/actions/release\""), "release is offered");

        Api.Response released = pages.post("sales1", "/forms/customer/" + id + "/actions/release", Map.of())
                .expect(303);
        assertEquals("/forms/customer", released.header("location"));
        assertTrue(read(id).get("owner").isNull(), "the customer is in the pool");
        String list = html(pages.get("sales1", "/forms/customer", cookie(released, "FORMATION_FLASH")).expect(200));
        assertTrue(list.contains("“释放到公海”已完成：客户“" + name + "”"), list);
    }
}
