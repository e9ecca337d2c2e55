package dev.formation.it;

import dev.formation.testing.Api;
import dev.formation.testing.AppTestBase;
import dev.formation.testing.Customers;
import dev.formation.testing.Flows;
import dev.formation.testing.PageClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.formation.testing.PageClient.cookie;
import static dev.formation.testing.PageClient.hidden;
import static dev.formation.testing.PageClient.html;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The record pages tell the truth about what the user can do and what just happened: the home
 * cards count what their links list, a post that takes a record out of the user's reach lands
 * on the list with a message (not on "not found"), and the edit page offers only what a save
 * would accept, keeping what was typed when a save is refused.
 */
class RecordPagesIT extends AppTestBase {

    private static final Pattern CARD = Pattern.compile("<a class=\"box home-card\" href=\"([^\"]+)\">\\s*"
            + "<span class=\"home-card-label\">([^<]*)</span>\\s*<span class=\"home-card-count\">(\\d+)</span>");
    private static final Pattern LIST_TOTAL = Pattern.compile("<p class=\"list-total[^\"]*\">共 (\\d+) 条</p>");
    private static final String FLASH = "FORMATION_FLASH";

    private PageClient pages;
    private Flows flows;

    @BeforeAll
    void clients() {
        pages = new PageClient(api);
        flows = new Flows(api);
    }

    private long draft(String user, String name) {
        return api.as(user).post(RECORDS, Customers.valid(name)).expect(201).json().get("id").asLong();
    }

    private long version(long id) {
        return read(id).get("version").asLong();
    }

    /** Every card with a number on the home page: its link → the number. */
    private Map<String, Long> cards(String user) {
        String home = html(pages.get(user, "/").expect(200));
        Map<String, Long> out = new LinkedHashMap<>();
        Matcher m = CARD.matcher(home);
        while (m.find()) {
            out.put(m.group(1).replace("&amp;", "&"), Long.parseLong(m.group(3)));
        }
        assertFalse(out.isEmpty(), "the home page has cards with numbers: " + home);
        return out;
    }

    private long listed(String user, String href) {
        String list = html(pages.get(user, href).expect(200));
        Matcher m = LIST_TOTAL.matcher(list);
        assertTrue(m.find(), "the list " + href + " says how many rows it has");
        return Long.parseLong(m.group(1));
    }

    // ---- the home page ----

    @Test
    void everyHomeCardCountsWhatItsLinkListsForTheViewer() {
        for (String user : List.of("sales1", "leader1", "contract1", "admin")) {
            cards(user).forEach((href, count) -> assertEquals(listed(user, href), count,
                    user + ": the card for " + href + " counts what the list it opens lists"));
        }
        Map<String, Long> sales1 = cards("sales1");
        long pool = api.as("sales1").get(RECORDS + "?view=unowned").expect(200).json().get("total").asLong();
        assertEquals(pool, sales1.get("/forms/customer?view=unowned"), "the pool card counts the pool");
        assertTrue(sales1.get("/forms/customer?view=unowned") < sales1.get("/forms/customer"),
                "the pool holds fewer customers than sales1 lists in all: " + sales1);
    }

    // ---- landing after a post that takes the record away ----

    @Test
    void aLeaderWhoTransfersACustomerOutOfTheTeamLandsOnTheListWithWhatHappened() {
        String name = Customers.uniqueName("转交落地");
        long id = draft("sales1", name);
        Api.Response saved = pages.post("leader1", "/forms/customer/" + id,
                Map.of("version", version(id), "owner", "sales2")).expect(303);
        assertEquals("/forms/customer", saved.header("location"), "not the record leader1 can no longer open");
        assertEquals("sales2", read(id).get("owner").asText());

        Api.Response list = pages.get("leader1", "/forms/customer", cookie(saved, FLASH)).expect(200);
        String page = html(list);
        assertTrue(page.contains("已将客户“" + name + "”转交给李娜"), "the list says what happened: " + page);
        assertTrue(cookie(list, FLASH).equals(FLASH + "="), "the message shows once: the list clears it");
        assertFalse(html(pages.get("leader1", "/forms/customer").expect(200)).contains("转交给李娜"));

        // one who can still open the record goes back to it, without a message
        long kept = draft("sales1", Customers.uniqueName("转交仍可见"));
        Api.Response within = pages.post("leader1", "/forms/customer/" + kept,
                Map.of("version", version(kept), "owner", "assistant1")).expect(303);
        assertEquals("/forms/customer/" + kept, within.header("location"));
    }

    @Test
    void deletingARecordLandsOnTheListSayingWhatWasDeleted() {
        String name = Customers.uniqueName("删除落地");
        long id = draft("sales1", name);
        Api.Response deleted = pages.post("admin", "/forms/customer/" + id + "/delete",
                Map.of("version", version(id))).expect(303);
        assertEquals("/forms/customer", deleted.header("location"));
        String page = html(pages.get("admin", "/forms/customer", cookie(deleted, FLASH)).expect(200));
        assertTrue(page.contains("已删除客户“" + name + "”"), page);
    }

    @Test
    void aMessageCookieTheAppDidNotSignShowsNothing() {
        String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "[\"page.flash.deleted\",\"请拨打 400-000\",\"<b>x</b>\"]".getBytes(StandardCharsets.UTF_8));
        String page = html(pages.get("sales1", "/forms/customer", FLASH + "=" + payload + ".bm90LXNpZ25lZA")
                .expect(200));
        assertFalse(page.contains("请拨打") || page.contains("flash-message"), "an unsigned message is not shown");
    }

    // ---- the edit page asks the rule a save meets ----

    @Test
    void aRecordUnderApprovalOffersNoEditAndARefusedSaveKeepsWhatWasTyped() {
        String name = Customers.uniqueName("审批中编辑");
        long id = draft("sales1", name);
        flows.act("sales1", "customer", id, "submit", Map.of("assignee", "contract1")).expect(200);
        String base = "/forms/customer/" + id;

        for (String user : List.of("sales1", "admin")) {
            String detail = html(pages.get(user, base).expect(200));
            assertFalse(detail.contains("href=\"" + base + "/edit\""), user + ": no edit button under approval");
            assertFalse(detail.contains("action=\"" + base + "/delete\""), user + ": no delete button under approval");
            assertTrue(detail.contains("该记录正在审批中"), user + ": the page says why: " + detail);
        }

        String edit = html(pages.get("admin", base + "/edit").expect(200));
        assertTrue(edit.contains("该记录正在审批中"), "the edit page says why");
        assertFalse(edit.contains("name=\"name\""), "nothing to type into");
        assertFalse(edit.contains(">保存</button>"), "no save button");

        // a page opened before the submit: the save is refused, the form comes back with the input
        String typed = name.replace("有限公司", "改名有限公司");
        Api.Response refused = pages.post("admin", base, Map.of("version", version(id), "name", typed,
                "legal_rep", "王五")).expect(409);
        String again = html(refused);
        assertTrue(again.contains("action=\"" + base + "\""), "the edit form again: " + again);
        assertTrue(again.contains("value=\"" + typed + "\"") && again.contains("value=\"王五\""), "typed input kept");
        assertTrue(again.contains("该记录正在审批中"), "and why");
        assertEquals(name, read(id).get("name").asText());
    }

    @Test
    void fieldsAChangeRequestGovernsAreReadOnlyWithTheWayToTheRequest() {
        String name = Customers.uniqueName("变更字段");
        long id = flows.approveCustomer("sales1", draft("sales1", name));
        String base = "/forms/customer/" + id;

        String edit = html(pages.get("sales1", base + "/edit").expect(200));
        assertFalse(edit.contains("name=\"name\""), "the name is no input: " + edit);
        assertTrue(edit.contains("需提交变更申请修改"), "it says why");
        assertTrue(edit.contains("href=\"" + base + "/change-request\""), "with the way to the change request");
        assertTrue(edit.contains("name=\"level\""), "other fields stay editable");
        assertTrue(edit.contains(">保存</button>"));
        // a role the change request names privileged changes them directly
        assertTrue(html(pages.get("contract1", base + "/edit").expect(200)).contains("name=\"name\""));

        // a page from before the approval: the typed name comes back in its input, with why
        String typed = name.replace("有限公司", "新名有限公司");
        String refused = html(pages.post("sales1", base, Map.of("version", version(id), "name", typed)).expect(400));
        assertTrue(refused.contains("value=\"" + typed + "\""), "typed input kept: " + refused);
        assertTrue(refused.contains("需通过变更申请修改"), refused);

        // a stale version: the same, with the way to the current one
        long stale = version(id);
        api.as("sales1").patch(RECORDS + "/" + id, Map.of("version", stale, "level", "A")).expect(200);
        String conflict = html(pages.post("sales1", base, Map.of("version", stale, "legal_rep", "赵六")).expect(409));
        assertTrue(conflict.contains("value=\"赵六\""), "typed input kept: " + conflict);
        assertTrue(conflict.contains("href=\"" + base + "/edit\""), "the way to the current version");
        assertEquals(name, read(id).get("name").asText());
        assertEquals(version(id), hiddenVersion(html(pages.get("sales1", base + "/edit").expect(200)), base));

        // while a change request waits, another would be refused as busy: no page offers one
        api.as("sales1").post(RECORDS + "/" + id + "/change-requests", Map.of("changes", Map.of("website",
                "https://example.com"))).expect(201);
        assertFalse(html(pages.get("sales1", base).expect(200)).contains(base + "/change-request\""),
                "the detail page offers no second request");
        String waiting = html(pages.get("sales1", base + "/edit").expect(200));
        assertTrue(waiting.contains("需提交变更申请修改") && !waiting.contains(base + "/change-request\""), waiting);
    }

    private static long hiddenVersion(String page, String base) {
        return Long.parseLong(hidden(page, base, "version"));
    }
}
