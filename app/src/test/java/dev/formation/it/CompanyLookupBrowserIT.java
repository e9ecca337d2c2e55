package dev.formation.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.formation.testing.BrowserTestBase;
import dev.formation.testing.Customers;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.multipart.MultipartBody;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The 企查查-style lookup in a real browser (headless Chromium): an administrator loads a registry
 * on its page; on the new-customer page, typing part of a company's name offers it, and choosing
 * it fills the credit code, legal representative, founding date, industry and both addresses,
 * which the saved record then holds. Run with -Pbrowser.
 */
class CompanyLookupBrowserIT extends BrowserTestBase {

    private String field(String name) {
        return driver.findElement(By.name(name)).getAttribute("value");
    }

    @Test
    void typingACompanyNameOffersTheRegistrysCandidatesAndFillsTheForm() throws Exception {
        String name = Customers.uniqueName("南平武夷岩茶");
        String uscc = Customers.uscc();
        String csv = "企业名称,统一社会信用代码,法定代表人,成立日期,登记行业,注册地址,登记状态\n"
                + name + "," + uscc + ",林青山,2011-04-15,C15 酒、饮料和精制茶制造业,福建省南平市武夷山市崇安街道128号,存续\n"
                + name + "销售分公司,,林青山,2013-09-01,F52 零售业,福建省南平市延平区,存续\n";
        java.nio.file.Path file = tempDir.resolve("registry.csv");
        java.nio.file.Files.writeString(file, csv, StandardCharsets.UTF_8);

        // the administrator loads it on the registry page
        logIn("admin");
        driver.get(app.baseUrl() + "/admin/company-registry");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("registry-upload-file"))).sendKeys(file.toString());
        submit(driver.findElement(By.id("registry-upload-file")));
        wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-registry-file]"), "registry.csv"));
        assertEquals("2", driver.findElement(By.cssSelector("[data-registry-companies]")).getText());

        driver.get(app.baseUrl() + "/forms/customer/new");
        WebElement input = wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("name")));
        input.sendKeys(name.substring(0, name.length() - 2));
        WebElement first = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#" + input.getAttribute("aria-controls") + " [role=option]")));
        assertEquals("true", input.getAttribute("aria-expanded"));
        assertEquals(2, driver.findElements(By.cssSelector("[role=listbox] [role=option]")).size());
        assertTrue(first.getText().contains(name) && first.getText().contains(uscc), first.getText());

        input.sendKeys(Keys.ARROW_DOWN, Keys.ENTER);
        wait.until(d -> uscc.equals(field("uscc")));
        assertEquals(name, field("name"));
        assertEquals("林青山", field("legal_rep"));
        assertEquals("2011-04-15", field("founded_on"));
        assertEquals("C", new Select(driver.findElement(By.name("industry"))).getFirstSelectedOption().getAttribute("value"),
                "the class code C15 picks its section C");
        assertEquals("福建省南平市武夷山市崇安街道128号", field("reg_address"));
        assertEquals("福建省南平市武夷山市崇安街道128号", field("mail_address"));
        assertEquals("false", input.getAttribute("aria-expanded"), "the list closes once one is chosen");

        if (driver.findElements(By.name("contacts[0].name")).isEmpty()) {
            driver.findElement(By.cssSelector("[data-table='contacts'] [data-add-row]")).click();
        }
        type("contacts[0].name", "林晓");
        type("contacts[0].department", "办公室");
        type("contacts[0].title", "主任");
        type("contacts[0].mobile", "13905990000");
        submit(input);
        wait.until(ExpectedConditions.urlMatches("/forms/customer/[0-9]+/?$"));
        long id = Long.parseLong(driver.getCurrentUrl().replaceAll(".*/forms/customer/([0-9]+)/?$", "$1"));
        JsonNode stored = read(id);
        assertEquals(name, stored.get("name").asText());
        assertEquals(uscc, stored.get("uscc").asText());
        assertEquals("林青山", stored.get("legal_rep").asText());
        assertEquals("2011-04-15", stored.get("founded_on").asText());
        assertEquals("C", stored.get("industry").asText());
    }

    private void type(String field, String text) {
        WebElement input = wait.until(ExpectedConditions.visibilityOfElementLocated(By.name(field)));
        input.clear();
        input.sendKeys(text);
    }
}
