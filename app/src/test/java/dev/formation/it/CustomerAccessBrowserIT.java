package dev.formation.it;

import dev.formation.testing.BrowserTestBase;
import dev.formation.testing.Customers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The list-but-not-open rule in a real browser (headless Chromium): sales2 sees sales1's
 * customer in the list, unlinked, and opening it by URL shows the 404 page. Run with -Pbrowser.
 */
class CustomerAccessBrowserIT extends BrowserTestBase {



    private String othersName;
    private long othersId;
    private String ownName;
    private long ownId;

    @BeforeAll
    void makeCustomers() {
        ownName = Customers.uniqueName("李娜自己的");
        ownId = api.as("sales2").post(RECORDS, Customers.valid(ownName)).expect(201).json().get("id").asLong();
        othersName = Customers.uniqueName("张伟的");
        othersId = api.as("sales1").post(RECORDS, Customers.valid(othersName)).expect(201).json().get("id").asLong();
    }

    @Test
    void sales2ListsSales1sCustomerWithoutALinkAndCannotOpenIt() {
        String base = app.baseUrl();
        logIn("sales2");

        driver.get(base + "/forms/customer");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), othersName));

        WebElement others = row(othersName);
        assertTrue(others.getAttribute("class").contains("is-restricted"), others.getAttribute("outerHTML"));
        assertEquals(List.of(), links(others), "sales1's customer is listed without a link");
        assertFalse(driver.getPageSource().contains("/forms/customer/" + othersId + "\""),
                "no link to it anywhere on the page");

        WebElement own = row(ownName);
        assertFalse(own.getAttribute("class").contains("is-restricted"));
        assertTrue(links(own).stream().anyMatch(h -> h.endsWith("/forms/customer/" + ownId)),
                "sales2's own customer opens from the list: " + links(own));

        for (String path : List.of("/forms/customer/" + othersId, "/forms/customer/" + othersId + "/edit")) {
            driver.get(base + path);
            WebElement status = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".error-status")));
            assertEquals("404", status.getText().trim(), path);
            String page = driver.findElement(By.tagName("body")).getText();
            // headless Chromium may ask for English whatever --lang says
            assertTrue(page.contains("找不到该记录") || page.contains("Record not found"), path + ": " + page);
            assertFalse(driver.getPageSource().contains(othersName), path + " shows nothing of the record");
        }

        // the own one opens
        driver.get(base + "/forms/customer/" + ownId);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), ownName));
        assertTrue(driver.findElements(By.cssSelector(".error-status")).isEmpty());
    }

    private WebElement row(String name) {
        for (WebElement tr : driver.findElements(By.cssSelector("table.list-table tbody tr"))) {
            if (tr.getText().contains(name)) {
                return tr;
            }
        }
        throw new AssertionError(name + " is not in the list: " + driver.findElement(By.tagName("body")).getText());
    }

    private static List<String> links(WebElement row) {
        return row.findElements(By.cssSelector("a[href*='/forms/customer/']")).stream()
                .map(a -> a.getAttribute("href")).toList();
    }
}
