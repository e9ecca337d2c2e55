package dev.formation.it;

import dev.formation.testing.BrowserTestBase;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The page shell in a real browser: the navbar brand is readable as the browser computes it (WCAG
 * AA, 4.5:1), at rest and hovered, the icons the shell links load, and a dashboard with JasperReports'
 * HTML draws. The base class checks the console for CSP refusals after each test. Run with -Pbrowser.
 */
class ShellBrowserIT extends BrowserTestBase {

    private static final Pattern RGB = Pattern.compile("rgba?\\((\\d+),\\s*(\\d+),\\s*(\\d+)(?:,\\s*([0-9.]+))?\\)");

    @Test
    void theBrandIsReadableAsTheBrowserDrawsIt() {
        loggedOut();
        logIn("sales1");
        WebElement brand = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".navbar .brand")));
        double rest = contrast(brand);
        assertTrue(rest >= 4.5, "the brand's contrast is " + rest + ":1");
        new Actions(driver).moveToElement(brand).perform();
        double hovered = contrast(brand);
        assertTrue(hovered >= 4.5, "the hovered brand's contrast is " + hovered + ":1");
    }

    @Test
    void theLinkedIconsLoad() {
        loggedOut();
        logIn("sales2");
        JavascriptExecutor js = (JavascriptExecutor) driver;
        for (WebElement link : driver.findElements(By.cssSelector("link[rel='icon']"))) {
            String href = link.getDomProperty("href");
            Object status = js.executeAsyncScript(
                    "var done = arguments[arguments.length - 1];"
                            + "fetch(arguments[0]).then(function (r) { done(r.status); }, function (e) { done(String(e)); });",
                    href);
            assertEquals(200L, status, href);
        }
        assertEquals(2, driver.findElements(By.cssSelector("link[rel='icon']")).size());
    }

    /** JasperReports' HTML, charts as data: images, inside the CSP (the base class reads the console). */
    @Test
    void theManagersDashboardDrawsWithinThePolicy() {
        loggedOut();
        logIn("manager1");
        driver.get(app.baseUrl() + "/dashboards/sales_overview");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".dashboard-widget .widget-title")));
        assertTrue(driver.findElements(By.cssSelector(".dashboard-widget")).size() >= 3, "the widgets are drawn");
    }

    /** The tests may run in any order: each starts without another's login cookie. */
    private void loggedOut() {
        driver.get(app.baseUrl() + "/static/favicon.svg");
        driver.manage().deleteAllCookies();
    }

    /** The text colour against the first opaque background behind it, as computed. */
    private double contrast(WebElement element) {
        JavascriptExecutor js = (JavascriptExecutor) driver;
        String color = (String) js.executeScript("return getComputedStyle(arguments[0]).color;", element);
        String background = (String) js.executeScript(
                "for (var e = arguments[0]; e; e = e.parentElement) {"
                        + "  var c = getComputedStyle(e).backgroundColor;"
                        + "  if (c && c !== 'transparent' && !/rgba\\(.*,\\s*0\\)$/.test(c)) { return c; }"
                        + "} return 'rgb(255, 255, 255)';", element);
        return ratio(rgb(color), rgb(background));
    }

    private static int[] rgb(String css) {
        Matcher m = RGB.matcher(css);
        assertTrue(m.find(), "not an rgb() colour: " + css);
        return new int[]{Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))};
    }

    private static double ratio(int[] a, int[] b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(int[] rgb) {
        return 0.2126 * channel(rgb[0]) + 0.7152 * channel(rgb[1]) + 0.0722 * channel(rgb[2]);
    }

    private static double channel(int value) {
        double c = value / 255.0;
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }
}
