package dev.formation.it;

import dev.formation.testing.BrowserTestBase;
import dev.formation.testing.Customers;
import dev.formation.testing.Flows;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A picker that must agree with another field, in a real browser (headless Chromium): on the new
 * payment page, choosing the customer leaves only that customer's deals to choose, and choosing
 * another customer offers its deals instead. Run with -Pbrowser.
 */
class ReferencePickerBrowserIT extends BrowserTestBase {

    private long customerA;
    private long customerB;
    private String dealA;
    private String dealB;

    @BeforeAll
    void records() {
        Flows flows = new Flows(api);
        customerA = flows.approveCustomer("sales1", api.as("sales1").post(RECORDS,
                Customers.valid(Customers.uniqueName("选择甲"))).expect(201).json().get("id").asLong());
        customerB = flows.approveCustomer("sales1", api.as("sales1").post(RECORDS,
                Customers.valid(Customers.uniqueName("选择乙"))).expect(201).json().get("id").asLong());
        dealA = deal(customerA, "甲方合同");
        dealB = deal(customerB, "乙方合同");
    }

    private String deal(long customer, String prefix) {
        String name = prefix + System.nanoTime();
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("contract_name", name);
        d.put("contract_no", "HT" + System.nanoTime());
        d.put("customer", customer);
        d.put("deal_date", "2026-11-20");
        d.put("amount", new BigDecimal("10000"));
        d.put("items", List.of(Map.of("product", "CRM 软件", "quantity", 1, "unit_price", new BigDecimal("10000"))));
        api.as("sales1").post("/api/forms/deal/records", d).expect(201);
        return name;
    }

    private List<String> dealChoices() {
        return new Select(driver.findElement(By.name("deal"))).getOptions().stream().map(WebElement::getText).toList();
    }

    @Test
    void choosingTheCustomerLeavesOnlyItsDeals() {
        logIn("sales1");
        driver.get(app.baseUrl() + "/forms/payment/new");
        Select customer = new Select(wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("customer"))));
        wait.until(d -> dealChoices().contains(dealA) && dealChoices().contains(dealB));

        customer.selectByValue(Long.toString(customerA));
        wait.until(d -> dealChoices().contains(dealA) && !dealChoices().contains(dealB));
        new Select(driver.findElement(By.name("deal"))).selectByVisibleText(dealA);

        customer.selectByValue(Long.toString(customerB));
        wait.until(d -> dealChoices().contains(dealB) && !dealChoices().contains(dealA));
        assertEquals("", new Select(driver.findElement(By.name("deal"))).getFirstSelectedOption().getAttribute("value"),
                "the deal of the other customer is no longer chosen");
    }
}
