package dev.formation.plugins.registry;

import dev.formation.plugin.api.CompanyCandidate;
import dev.formation.plugin.api.CompanyLookup;
import dev.formation.plugin.api.CompanyRegistryException;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RegistryLookupFactoryTest {

    private static final String HEADER = "企业名称,统一社会信用代码,法定代表人,成立日期,登记行业,注册地址,登记状态\n";
    private final RegistryLookupFactory factory = new RegistryLookupFactory();

    private CompanyLookup csv(String text) throws CompanyRegistryException {
        return factory.read("companies.csv", text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsACsvAndFindsByNameWordsAndCreditCode() throws Exception {
        CompanyLookup lookup = csv("\uFEFF" + HEADER
                + "福州闽江科技股份有限公司,9135010219NQLGY78B,周强,2006-12-09,I65 软件和信息技术服务业,福建省福州市鼓楼区五四路231号,存续\n"
                + "厦门鼓山电子有限公司,9135020376CQX3875G,吴涛,2008/6/26,C39 计算机、通信和其他电子设备制造业,福建省厦门市思明区湖滨南路265号,存续\n"
                + "\n"
                + "福州闽江物流有限公司,,,,,,\n");
        assertEquals(3, lookup.size());
        CompanyCandidate first = lookup.search("闽江科技", 10).get(0);
        assertEquals("福州闽江科技股份有限公司", first.name());
        assertEquals(LocalDate.of(2006, 12, 9), first.foundedOn());
        assertEquals("I65", first.industryCode());
        assertEquals("周强", first.legalRepresentative());
        assertEquals(List.of("福州闽江物流有限公司", "福州闽江科技股份有限公司"),
                lookup.search("福州 闽江", 10).stream().map(CompanyCandidate::name).toList(), "every word, shorter names first");
        assertEquals("厦门鼓山电子有限公司", lookup.search("9135020376", 10).get(0).name(), "a credit code's start");
        assertEquals(LocalDate.of(2008, 6, 26), lookup.search("鼓山", 1).get(0).foundedOn());
        assertEquals(List.of(), lookup.search("杭州", 10));
        assertEquals(1, lookup.search("福州", 1).size(), "the limit");
    }

    @Test
    void readsEnglishHeadersInAnyOrder() throws Exception {
        CompanyLookup lookup = csv("status,name,credit_code\n存续,Acme Tech 有限公司,91350102MA2XN0QK4B\n");
        CompanyCandidate c = lookup.search("acme", 5).get(0);
        assertEquals("91350102MA2XN0QK4B", c.creditCode());
        assertEquals("存续", c.status());
    }

    @Test
    void aBadFileNamesEveryRowAndColumn() {
        CompanyRegistryException e = assertThrows(CompanyRegistryException.class, () -> csv(HEADER
                + "甲公司,9135010219NQLGY78A,,,,,\n"
                + ",9135020376CQX3875G,,,,,\n"
                + "乙公司,9135020376CQX3875G,,2008-13-40,,,\n"));
        List<String> found = e.problems().stream().map(p -> p.row() + " " + p.column() + " "
                + p.message().in(Locale.forLanguageTag("zh-CN"))).toList();
        assertEquals(4, found.size(), found.toString());
        assertTrue(found.get(0).startsWith("2 统一社会信用代码 统一社会信用代码校验位不正确"), found.toString());
        assertTrue(found.get(1).startsWith("3 企业名称 "), found.toString());
        assertTrue(found.get(2).equals("4 统一社会信用代码 统一社会信用代码与第3行重复"), found.toString());
        assertTrue(found.get(3).startsWith("4 成立日期 "), found.toString());
        assertTrue(e.problems().get(3).message().in(Locale.ENGLISH).contains("2008-13-40"));
    }

    @Test
    void aFileWithoutANameColumnOrRowsOrInAnotherEncodingIsRefused() {
        assertEquals(1, assertThrows(CompanyRegistryException.class, () -> csv("公司,代码\n甲,1\n")).problems().get(0).row());
        assertEquals(0, assertThrows(CompanyRegistryException.class, () -> csv(HEADER)).problems().get(0).row());
        assertThrows(CompanyRegistryException.class, () -> factory.read("gbk.csv",
                (HEADER + "福州闽江科技有限公司,,,,,,\n").getBytes(Charset.forName("GBK"))));
        assertThrows(CompanyRegistryException.class, () -> factory.read("broken.xlsx", new byte[]{1, 2, 3}));
    }

    @Test
    void readsTheFirstSheetOfAnXlsxWithDateCells() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (XSSFWorkbook book = new XSSFWorkbook()) {
            Sheet sheet = book.createSheet("名录");
            Row h = sheet.createRow(0);
            h.createCell(0).setCellValue("企业名称");
            h.createCell(1).setCellValue("成立日期");
            h.createCell(2).setCellValue("统一社会信用代码");
            Row r = sheet.createRow(1);
            r.createCell(0).setCellValue("成都天府软件有限公司");
            var date = r.createCell(1);
            date.setCellValue(LocalDate.of(2015, 3, 18));
            var style = book.createCellStyle();
            style.setDataFormat(book.createDataFormat().getFormat("yyyy年m月d日"));
            date.setCellStyle(style);
            r.createCell(2).setCellValue("91350102MA2XN0QK4B");
            book.write(out);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        CompanyCandidate c = factory.read("名录.XLSX", out.toByteArray()).search("天府", 1).get(0);
        assertEquals(LocalDate.of(2015, 3, 18), c.foundedOn());
        assertEquals("91350102MA2XN0QK4B", c.creditCode());
        assertTrue(factory.reads("a.xlsx") && factory.reads("b.CSV") && !factory.reads("c.xls"));
    }
}
