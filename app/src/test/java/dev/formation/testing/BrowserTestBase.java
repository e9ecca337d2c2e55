package dev.formation.testing;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** A running app and one headless Chromium per test class, with the login steps every browser test takes. */
public abstract class BrowserTestBase extends AppTestBase {

    protected WebDriver driver;
    protected WebDriverWait wait;
    private Path profile;

    @BeforeAll
    void startBrowser() throws IOException {
        profile = Files.createTempDirectory("formation-chromium-");
        driver = HeadlessChromium.start(profile);
        wait = new WebDriverWait(driver, Duration.ofSeconds(30));
    }

    @AfterAll
    void stopBrowser() {
        if (driver != null) {
            driver.quit();
        }
        TestDatabase.deleteTree(profile);
    }

    /** Logs in through the login page and waits until it has been left. */
    protected void logIn(String username) {
        driver.get(app.baseUrl() + "/login");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("username"))).sendKeys(username);
        driver.findElement(By.name("password")).sendKeys(Api.PASSWORD);
        submit(driver.findElement(By.name("username")));
        wait.until(d -> !d.getCurrentUrl().contains("/login"));
    }

    /** Clicks the submit button of the form around {@code inside}. */
    protected void submit(WebElement inside) {
        WebElement form = inside.findElement(By.xpath("ancestor::form"));
        form.findElement(By.cssSelector("button[type='submit']")).click();
    }
}
