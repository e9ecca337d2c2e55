package dev.formation.testing;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A running app and one headless Chromium per test class, with the login steps every browser test takes. */
public abstract class BrowserTestBase extends AppTestBase {

    private static final Pattern ASSET = Pattern.compile("/(static|webjars)/|/favicon\\.ico");

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

    /**
     * After every browser test: nothing the pages did was refused by their Content-Security-Policy,
     * and no page asked for a file of the shell that is not there (a stylesheet, script or icon; a
     * test may well open a page that answers 404 on purpose). Reading the console
     * empties it, so each test answers for its own pages.
     */
    @AfterEach
    void noContentSecurityPolicyViolations() {
        List<String> refused = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage)
                .filter(m -> m.contains("Content Security Policy") || m.contains("Refused to")
                        || (m.contains("status of 404") && ASSET.matcher(m).find()))
                .toList();
        assertEquals(List.of(), refused, "the browser console reports refused or missing resources");
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
