package dev.formation.it;

import dev.formation.testing.BrowserTestBase;
import dev.formation.testing.Customers;
import dev.formation.testing.ImportSheets;
import dev.formation.testing.ImportSheets.SheetData;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The import pages in a real browser (headless Chromium), as a business admin uses them: from the
 * customer list to the import page, upload a filled-in template as a check, see the first rows
 * with the bad cell marked and the problem listed, import for real, watch the progress bar reach
 * the end, find the records, revert, and see both in the history. Run with -Pbrowser.
 */
class ImportBrowserIT extends BrowserTestBase {

    private static final int ROWS = 1200;

    @Test
    void aCheckedFileImportsWithItsProgressAndCanBeReverted() throws Exception {
        String tag = "页面导入" + Long.toString(System.nanoTime(), 36).toUpperCase();
        List<List<String>> main = new ArrayList<>();
        main.add(List.of("客户名称 *", "统一社会信用代码", "成立日期 *", "注册地址(住所) *", "通信地址 *", "客户类型"));
        List<List<String>> contacts = new ArrayList<>();
        contacts.add(List.of("所属客户行号", "姓名", "部门", "职位", "手机"));
        for (int i = 0; i < ROWS; i++) {
            main.add(Arrays.asList(tag + i + "有限公司", Customers.uscc(), i == 3 ? "明年春天" : "2016-05-20",
                    "浙江省杭州市", "浙江省杭州市", "企业客户"));
            contacts.add(List.of(String.valueOf(i + 2), "联系人", "采购部", "经理", Customers.mobile(i)));
        }
        Path file = tempDir.resolve("customers.xlsx");
        Files.write(file, ImportSheets.workbook(new SheetData("客户", main), new SheetData("联系人", contacts)));

        logIn("admin");
        driver.get(app.baseUrl() + "/forms/customer");
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("a.list-import"))).click();
        wait.until(ExpectedConditions.urlMatches("/forms/customer/import$"));
        assertTrue(driver.findElement(By.id("import-template")).getAttribute("href")
                .endsWith("/api/forms/customer/import/template"));
        assertTrue(driver.findElement(By.id("import-dry")).isSelected(), "a check comes first");
        driver.findElement(By.id("import-file")).sendKeys(file.toString());
        driver.findElement(By.id("import-submit")).click();

        wait.until(ExpectedConditions.urlMatches("/imports/[0-9]+$"));
        awaitState("done");
        WebElement bad = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#import-preview .import-bad-cell")));
        assertEquals("明年春天", bad.getText());
        assertEquals(1, driver.findElements(By.cssSelector("#import-problems tbody tr")).size());
        assertTrue(digits("import-counts").contains(" " + (ROWS - 1) + " "), digits("import-counts"));
        screenshot("import-checked");
        assertEquals(0, count(tag), "a check saves nothing");

        String checkedUrl = driver.getCurrentUrl();
        driver.findElement(By.id("import-run")).click();
        wait.until(d -> !d.getCurrentUrl().equals(checkedUrl));
        awaitState("done");
        WebElement bar = driver.findElement(By.id("import-progress"));
        assertEquals(String.valueOf(ROWS), bar.getAttribute("max"));
        assertEquals(String.valueOf(ROWS), bar.getAttribute("value"));
        assertTrue(digits("import-counts").contains(" " + (ROWS - 1) + " "), digits("import-counts"));
        assertTrue(driver.findElement(By.id("import-errors-file")).getAttribute("href").endsWith("/errors.xlsx"));
        screenshot("import-done");
        assertEquals(ROWS - 1, count(tag));

        driver.findElement(By.id("import-revert")).click();
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        awaitState("reverted");
        assertTrue(digits("import-reverted").contains(String.valueOf(ROWS - 1)), digits("import-reverted"));
        assertEquals(0, count(tag));

        driver.findElement(By.cssSelector(".page-head a[href='/forms/customer/import']")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("import-history")));
        assertTrue(driver.findElements(By.cssSelector("#import-history tbody tr")).size() >= 2);
    }

    /** An element's text with the numbers' group separators taken out (the page may be in either language). */
    private String digits(String id) {
        return driver.findElement(By.id(id)).getText().replaceAll("(\\d),(\\d)", "$1$2");
    }

    /** Waits for the import's state, through the page's reloads while it polls. */
    private void awaitState(String state) {
        wait.ignoring(StaleElementReferenceException.class).until(d -> state.equals(
                d.findElement(By.id("import-state")).getAttribute("data-import-state")));
    }

    private int count(String q) {
        return api.as("admin").get("/api/forms/customer/records?size=1&q=" + Customers.encode(q)).expect(200).json()
                .get("total").asInt();
    }

    private void screenshot(String name) throws java.io.IOException {
        Path target = Path.of("target", "screenshots");
        Files.createDirectories(target);
        Files.write(target.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }
}
