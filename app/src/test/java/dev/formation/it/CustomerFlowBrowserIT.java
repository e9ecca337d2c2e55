package dev.formation.it;

import dev.formation.testing.BrowserTestBase;
import dev.formation.testing.Customers;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * New-customer approval in a real browser (headless Chromium): sales1 submits a draft customer
 * from its page and chooses 陈静 on the route page; contract1 sees the to-do badge, opens the
 * task from 待办, sets 客户分类 and approves; sales1 finds the customer 正常. Run with -Pbrowser.
 */
class CustomerFlowBrowserIT extends BrowserTestBase {

    @Test
    void aNewCustomerIsSubmittedChosenApprovedAndBecomesActive() {
        String base = app.baseUrl();
        String name = Customers.uniqueName("浏览器审批");
        long id = api.as("sales1").post(RECORDS, Customers.valid(name)).expect(201).json().get("id").asLong();
        String record = base + "/forms/customer/" + id;

        // sales1: the record's submit button, the route page, 陈静 chosen, confirmed
        logInInChinese("sales1");
        driver.get(record);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), name));
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-flow-action='submit']"))).click();
        WebElement chooser = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("route-assignee")));
        Select approver = new Select(chooser);
        approver.selectByValue("contract1");
        assertEquals("陈静", approver.getFirstSelectedOption().getText().trim());
        driver.findElement(By.id("confirm-action")).click();
        wait.until(ExpectedConditions.urlMatches("/forms/customer/" + id + "$"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".page-head .subtitle"), "审批中"));
        assertEquals("pending", read(id).get("status").asText());

        // contract1: the badge, 待办, the task, 客户分类 = 大客户, approve
        logInInChinese("contract1");
        WebElement badge = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#nav-todo .todo-badge")));
        assertTrue(Integer.parseInt(badge.getText().trim()) >= 1, "badge: " + badge.getText());
        driver.findElement(By.id("nav-todo")).click();
        wait.until(ExpectedConditions.urlMatches("/tasks$"));
        WebElement row = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.xpath("//table[contains(@class,'inbox-table')]//tr[.//a[normalize-space()='" + name + "']]")));
        row.findElement(By.cssSelector("a.open-link")).click();
        wait.until(ExpectedConditions.urlMatches("/flows/[0-9]+$"));
        Select category = new Select(wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("category"))));
        category.selectByValue("key_account");
        assertEquals("大客户", category.getFirstSelectedOption().getText().trim());
        driver.findElement(By.id("decide-comment")).sendKeys("同意，资料齐全");
        driver.findElement(By.id("approve-button")).click();
        wait.until(ExpectedConditions.urlMatches("/tasks$"));
        assertEquals("active", read(id).get("status").asText());

        // sales1: the customer is 正常, with its approval in 审批记录
        logInInChinese("sales1");
        driver.get(record);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".page-head .subtitle"), "正常"));
        WebElement history = driver.findElement(By.cssSelector(".record-flows"));
        assertTrue(history.getText().contains("新客户审批") && history.getText().contains("已通过"), history.getText());
    }

    /** A fresh session for the user, in Chinese whatever language the browser asks for. */
    private void logInInChinese(String username) {
        driver.manage().deleteAllCookies();
        logIn(username);
        driver.get(app.baseUrl() + "/lang?to=zh-CN&next=/");
        wait.until(ExpectedConditions.attributeToBe(By.tagName("html"), "lang", "zh-CN"));
    }
}
