package dev.formation.testing;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import java.io.File;
import java.nio.file.Path;
import java.util.logging.Level;

/**
 * Debian's Chromium and ChromeDriver, headless, with a fresh profile. The background-networking
 * switches matter: this machine's closed network refuses Chromium's own connections.
 */
public final class HeadlessChromium {

    private static final String CHROMEDRIVER = System.getProperty("formation.test.chromedriver", "/usr/bin/chromedriver");
    private static final String CHROMIUM = System.getProperty("formation.test.chromium", "/usr/bin/chromium");

    private HeadlessChromium() {
    }

    public static ChromeDriver start(Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1366,900", "--lang=zh-CN", "--user-data-dir=" + profile.toAbsolutePath());
        // the console, so a test can see what the page's CSP refused
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }
}
