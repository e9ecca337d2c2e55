package dev.formation.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.formation.testing.Api;
import dev.formation.testing.AppTestBase;
import dev.formation.testing.Customers;
import dev.formation.testing.Exports;
import dev.formation.testing.PageClient;
import dev.formation.testing.Resources;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The printable documents metadata declares (a customer's profile, a deal's summary, a payment's
 * receipt) answer PDFs whose Chinese text a PDF reader extracts, with what the printing user may
 * read and nothing else. Runs with the overlay in which team leaders may not see a mailing address,
 * and with an installation folder of templates that holds an edited deal summary.
 */
class RecordPrintIT extends AppTestBase {

    private static final String QIHENG = "上海启衡信息技术有限公司";

    /** The installation's edited copy of the deal summary, which replaces the packaged one. */
    @Override
    protected Map<String, Object> overrides(Path tempDir) throws IOException {
        Path reports = Files.createDirectories(tempDir.resolve("reports"));
        String packaged;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("reports/deal_summary.jrxml")) {
            packaged = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String edited = packaged.replace("<![CDATA[$P{PRINT_TITLE}]]>", "<![CDATA[$P{PRINT_TITLE} + \"（安装目录副本）\"]]>");
        assertFalse(edited.equals(packaged), "the copy differs from the packaged template");
        Files.writeString(reports.resolve("deal_summary.jrxml"), edited);
        return Map.of("formation.metadata-dir", Resources.folder("overlays/hidden-field").toString(),
                "formation.reports-dir", reports.toString());
    }

    @Test
    void aCustomerProfileHasTheRecordItsContactsOwnersVisitsAndDeals() throws Exception {
        long id = idOf("customer", QIHENG);
        Api.Download pdf = api.as("sales1").download(printPath("customer", id, "profile")).expect(200);

        assertTrue(pdf.header("content-type").startsWith("application/pdf"), pdf.header("content-type"));
        assertTrue(pdf.header("content-disposition").matches("inline; filename=\"customer-KH[0-9]+-profile\\.pdf\""),
                pdf.header("content-disposition"));
        String text = Exports.pdfText(pdf.body());
        assertFalse(text.contains("安装目录副本"), "only the deal summary has an installation copy");
        for (String expected : new String[]{"客户档案", QIHENG, "913101152002977269", "联系人", "吴晓明", "信息中心总监",
                "张伟", "最近拜访", "最近成交", "CRM 私有化部署合同", "656,000.00", "负责人", "打印人"}) {
            assertTrue(text.contains(expected), expected + " in:\n" + text);
        }
    }

    @Test
    void aDealSummaryAndAPaymentReceiptPrintInTheUsersLanguage() throws Exception {
        long deal = idOf("deal", "CRM 私有化部署合同");
        String summary = Exports.pdfText(api.as("sales1").download(printPath("deal", deal, "summary")).expect(200).body());
        for (String expected : new String[]{"成交确认单（安装目录副本）", "CRM 私有化部署合同", "HT-2026-101", QIHENG, "产品明细",
                "实施服务", "176,000.00", "回款记录", "196,800.00"}) {
            assertTrue(summary.contains(expected), expected + " in:\n" + summary);
        }
        long payment = api.as("sales1").get("/api/forms/payment/records?sort=payment_date&deal=" + deal).expect(200)
                .json().get("items").get(0).get("id").asLong();
        String receipt = Exports.pdfText(api.as("sales1").download(printPath("payment", payment, "receipt")).expect(200).body());
        for (String expected : new String[]{"回款收据", QIHENG, "预付款", "196,800.00", "202603273408123908", "预付款已到账"}) {
            assertTrue(receipt.contains(expected), expected + " in:\n" + receipt);
        }
        String english = Exports.pdfText(api.as("sales1").english().download(printPath("payment", payment, "receipt"))
                .expect(200).body());
        for (String expected : new String[]{"Payment receipt", "Amount", "Advance", "196,800.00", QIHENG}) {
            assertTrue(english.contains(expected), expected + " in:\n" + english);
        }
    }

    @Test
    void aUserWhoMayNotReadTheRecordIsRefusedAndAnUndeclaredPrintIsNotFound() {
        long id = idOf("customer", QIHENG);
        // sales2 lists every customer but opens only its own
        assertEquals(404, api.as("sales2").download(printPath("customer", id, "profile")).status());
        assertEquals(404, api.as("sales1").download(printPath("customer", id, "receipt")).status());
        assertEquals(404, api.as("sales1").download(printPath("customer", 999_999_999L, "profile")).status());
        assertEquals(401, api.anonymous().download(printPath("customer", id, "profile")).status());
    }

    @Test
    void aFieldHiddenFromThePrintingUserIsNotPrintedNorItsLabel() throws Exception {
        String name = Customers.uniqueName("打印隐藏");
        Map<String, Object> customer = new java.util.LinkedHashMap<>(Customers.valid(name));
        customer.put("mail_address", "杭州市西湖区打印隐藏路88号");
        long id = api.as("sales1").post(RECORDS, customer).expect(201).json().get("id").asLong();

        String owner = Exports.pdfText(api.as("sales1").download(printPath("customer", id, "profile")).expect(200).body());
        assertTrue(owner.contains("打印隐藏路88号") && owner.contains("通信地址"), owner);
        // team leaders read their team's customers, but not the mailing address (the overlay)
        String leader = Exports.pdfText(api.as("leader1").download(printPath("customer", id, "profile")).expect(200).body());
        assertTrue(leader.contains(name), leader);
        assertFalse(leader.contains("打印隐藏路88号"), leader);
        assertFalse(leader.contains("通信地址"), leader);
    }

    @Test
    void theDetailPageOffersThePrintToWhoeverReadsTheRecord() {
        long id = idOf("customer", QIHENG);
        String page = PageClient.html(new PageClient(api).get("sales1", "/forms/customer/" + id));
        assertTrue(page.contains("href=\"" + printPath("customer", id, "profile") + "\""), page);
        assertTrue(page.contains(">打印</a>"), page);
    }

    private static String printPath(String form, long id, String print) {
        return "/api/forms/" + form + "/records/" + id + "/prints/" + print;
    }

    private long idOf(String form, String title) {
        JsonNode items = api.as("admin").get("/api/forms/" + form + "/records?q=" + Customers.encode(title)).expect(200)
                .json().get("items");
        assertTrue(items.size() > 0, "no " + form + " " + title);
        return items.get(0).get("id").asLong();
    }
}
