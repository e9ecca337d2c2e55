package dev.formation.it;

import dev.formation.testing.Api;
import dev.formation.testing.AppTestBase;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The page shell's icon: at the root where browsers look for it, as an SVG, and linked from every page. */
class PageShellIT extends AppTestBase {

    @Test
    void theIconIsServedAtTheRootWithoutLogin() {
        Api.Response icon = api.anonymous().header("Accept", "image/avif,image/webp,image/svg+xml,image/*,*/*;q=0.8")
                .get("/favicon.ico").expect(200);
        assertEquals("image/x-icon", icon.contentType());
        String bytes = icon.body();
        // ICONDIR: reserved 0, type 1 (icon), then the number of images
        assertEquals("\0\0\1\0", bytes.substring(0, 4), "an ICO file");
        assertTrue(bytes.charAt(4) >= 1, "with at least one image");
        assertTrue(icon.header("cache-control").contains("max-age"), "browsers may keep it");

        Api.Response svg = api.anonymous().get("/static/favicon.svg").expect(200);
        assertTrue(svg.contentType().startsWith("image/svg+xml"), svg.contentType());
        assertTrue(svg.body().startsWith("<svg") && svg.body().contains("viewBox"), svg.body());
    }

    @Test
    void everyKindOfPageLinksTheIcon() {
        List<Api.Response> pages = List.of(api.anonymous().get("/login").expect(200),
                api.as("sales1").get("/").expect(200),
                api.as("sales1").get("/forms/customer/999999999").expect(404));
        for (Api.Response page : pages) {
            assertTrue(page.body().contains("<link rel=\"icon\" href=\"/static/favicon.svg\" type=\"image/svg+xml\">"),
                    page.request());
            assertTrue(page.body().contains("<link rel=\"icon\" href=\"/favicon.ico\""), page.request());
        }
    }
}
