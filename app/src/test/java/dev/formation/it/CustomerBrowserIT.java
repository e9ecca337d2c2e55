package dev.formation.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.formation.testing.BrowserTestBase;
import dev.formation.testing.Customers;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The customer pages in a real browser (headless Chromium): log in, fill the new-customer form
 * with one contact row, save, land on the record, find it in the list. Run with -Pbrowser.
 */
class CustomerBrowserIT extends BrowserTestBase {



    @Test
    void createACustomerThroughThePages() {
        String base = app.baseUrl();
        logIn("admin");

        String name = Customers.uniqueName("浏览器");
        driver.get(base + "/forms/customer/new");
        type("name", name);
        setValue("founded_on", "2016-05-20");
        type("reg_address", "浙江省杭州市西湖区文三路90号");
        type("mail_address", "浙江省杭州市西湖区文三路90号东部软件园");
        if (driver.findElements(By.name("contacts[0].name")).isEmpty()) {
            driver.findElement(By.cssSelector("[data-table='contacts'] [data-add-row]")).click();
        }
        type("contacts[0].name", "郑浩");
        type("contacts[0].department", "信息部");
        type("contacts[0].title", "经理");
        type("contacts[0].mobile", "13812345678");
        submit(driver.findElement(By.name("name")));

        wait.until(ExpectedConditions.urlMatches("/forms/customer/[0-9]+/?$"));
        String detailUrl = driver.getCurrentUrl();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), name));
        assertTrue(driver.findElement(By.tagName("body")).getText().contains("郑浩"), "the contact shows on the detail page");

        driver.get(base + "/forms/customer");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), name));

        long id = Long.parseLong(detailUrl.replaceAll(".*/forms/customer/([0-9]+)/?$", "$1"));
        JsonNode stored = read(id);
        assertEquals(name, stored.get("name").asText());
        assertEquals("2016-05-20", stored.get("founded_on").asText());
        assertEquals("13812345678", stored.get("contacts").get(0).get("mobile").asText());
        assertEquals("admin", stored.get("created_by").asText());
    }

    private void type(String field, String text) {
        WebElement input = wait.until(ExpectedConditions.visibilityOfElementLocated(By.name(field)));
        input.clear();
        input.sendKeys(text);
    }

    /** Date inputs take keys in the browser's locale order; set the ISO value the way a date picker does. */
    private void setValue(String field, String value) {
        WebElement input = wait.until(ExpectedConditions.presenceOfElementLocated(By.name(field)));
        ((JavascriptExecutor) driver).executeScript(
                "arguments[0].value = arguments[1];"
                        + "arguments[0].dispatchEvent(new Event('input', {bubbles: true}));"
                        + "arguments[0].dispatchEvent(new Event('change', {bubbles: true}));", input, value);
    }

    /** Clicks the submit button of the form holding {@code inside}. */
}
