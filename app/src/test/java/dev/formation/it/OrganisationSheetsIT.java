package dev.formation.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.formation.testing.Api;
import dev.formation.testing.AppTestBase;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.multipart.MultipartBody;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Users and departments as XLSX (seed 003 用户导入/用户导出): the exports read back as a
 * spreadsheet program reads them (text cells, headers in the user's language, the tree with
 * parents); an import updates by username / department code and creates the rest, refuses each
 * bad row with its row and column and imports the others, a dry run writes nothing, and only
 * administrators may do any of it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OrganisationSheetsIT extends AppTestBase {

    private static final String USERS = "/api/admin/users";
    private static final String DEPARTMENTS = "/api/admin/departments";

    /** The first sheet's rows as text, the header row first; and whether every filled cell is a text cell. */
    private static List<List<String>> rows(byte[] xlsx) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            assertEquals(2, book.getNumberOfSheets(), "the data and the guide");
            for (Row row : book.getSheetAt(0)) {
                List<String> cells = new ArrayList<>();
                for (int c = 0; c < row.getLastCellNum(); c++) {
                    Cell cell = row.getCell(c);
                    if (cell != null && cell.getCellType() != CellType.BLANK) {
                        assertEquals(CellType.STRING, cell.getCellType(), "a text cell: " + cell);
                    }
                    cells.add(cell == null || cell.getCellType() == CellType.BLANK ? "" : cell.getStringCellValue());
                }
                rows.add(cells);
            }
        }
        return rows;
    }

    private static Map<String, String> byHeader(List<List<String>> rows, String key, String value) {
        List<String> header = rows.get(0);
        int at = header.indexOf(key);
        for (List<String> row : rows.subList(1, rows.size())) {
            if (row.size() > at && row.get(at).equals(value)) {
                Map<String, String> out = new LinkedHashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    out.put(header.get(i), i < row.size() ? row.get(i) : "");
                }
                return out;
            }
        }
        throw new AssertionError(value + " not in " + rows);
    }

    private static byte[] sheet(String[]... rows) throws IOException {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = book.createSheet("导入");
            for (int r = 0; r < rows.length; r++) {
                Row row = sheet.createRow(r);
                for (int c = 0; c < rows[r].length; c++) {
                    if (rows[r][c] != null) {
                        row.createCell(c).setCellValue(rows[r][c]);
                    }
                }
            }
            book.write(out);
            return out.toByteArray();
        }
    }

    private Api.Response upload(Api.Call as, String path, byte[] file, boolean dryRun) {
        MultipartBody.Builder body = MultipartBody.builder()
                .addPart("file", "sheet.xlsx", MediaType.APPLICATION_OCTET_STREAM_TYPE, file);
        if (dryRun) {
            body.addPart("dryRun", "true");
        }
        return as.send(HttpMethod.POST, path, MediaType.MULTIPART_FORM_DATA_TYPE, body.build());
    }

    private static List<String> errors(JsonNode outcome) {
        List<String> out = new ArrayList<>();
        outcome.get("errors").forEach(e -> out.add(e.get("row").asInt() + "|" + e.get("field").asText() + "|"
                + e.get("message").asText()));
        return out;
    }

    @Test
    @Order(1)
    void theUsersExportHasEveryUserWithTheirDepartmentRolesAndStatusAsText() throws IOException {
        Api.Download d = api.as("admin").download(USERS + "/export").expect(200);
        assertTrue(d.header("content-type").startsWith("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
        assertTrue(d.header("content-disposition").contains("users.xlsx"));
        List<List<String>> rows = rows(d.body());
        assertEquals(List.of("用户名", "姓名", "部门编码", "部门", "角色", "状态", "邮箱", "手机", "上级", "初始密码"), rows.get(0));
        assertEquals(9, rows.size(), "the demo's eight users");
        Map<String, String> sales1 = byHeader(rows, "用户名", "sales1");
        assertEquals("张伟", sales1.get("姓名"));
        assertEquals("team_east", sales1.get("部门编码"));
        assertEquals("华东组", sales1.get("部门"));
        assertEquals("销售人员", sales1.get("角色"));
        assertEquals("启用", sales1.get("状态"));
        assertEquals("sales1@formation-demo.example.com", sales1.get("邮箱"));
        assertEquals("leader1", sales1.get("上级"));
        assertEquals("", sales1.get("初始密码"), "no password leaves the app");
        assertEquals("系统管理员,业务管理员", byHeader(rows, "用户名", "admin").get("角色"));

        List<List<String>> english = rows(api.as("admin").english().download(USERS + "/export").expect(200).body());
        assertEquals("Username", english.get(0).get(0));
        assertEquals("Salesperson", byHeader(english, "Username", "sales1").get("Roles"));
        assertEquals("Enabled", byHeader(english, "Username", "sales1").get("Status"));
    }

    @Test
    @Order(2)
    void theDepartmentsExportIsTheTreeParentsFirst() throws IOException {
        List<List<String>> rows = rows(api.as("admin").download(DEPARTMENTS + "/export").expect(200).body());
        assertEquals(List.of("部门编码", "名称", "上级部门编码", "上级部门", "类型", "负责人", "负责人姓名", "路径"), rows.get(0));
        assertEquals("hq", rows.get(1).get(0), "the company comes first");
        Map<String, String> east = byHeader(rows, "部门编码", "team_east");
        assertEquals("sales", east.get("上级部门编码"));
        assertEquals("销售部", east.get("上级部门"));
        assertEquals("小组", east.get("类型"));
        assertEquals("leader1", east.get("负责人"));
        assertEquals("刘洋", east.get("负责人姓名"));
        assertEquals("总公司 / 销售部 / 华东组", east.get("路径"));
        List<String> keys = rows.subList(1, rows.size()).stream().map(r -> r.get(0)).toList();
        assertTrue(keys.indexOf("sales") < keys.indexOf("team_east"), keys.toString());
    }

    @Test
    @Order(3)
    void aUsersImportUpdatesByUsernameCreatesTheRestAndNamesEachBadRowAndColumn() throws IOException {
        byte[] file = sheet(
                new String[]{"用户名", "姓名", "部门编码", "角色", "状态", "邮箱", "手机", "上级", "初始密码"},
                new String[]{"newbie1", "新同事", "team_east", "销售人员、Sales assistant", "启用", "newbie1@example.com",
                        "13800001111", "leader1", "first-pass1"},
                new String[]{"sales2", "李娜娜", null, null, null, null, "13900002222", null, null},
                new String[]{"sales1", "张伟", "team_east", "销售人员", "启用", null, null, null, null},
                new String[]{"Bad User", "坏", null, null, null, null, null, null, "first-pass1"},
                new String[]{"newbie2", "新二", "nowhere", null, null, null, null, null, "first-pass1"},
                new String[]{"newbie3", "新三", null, "魔法师", null, null, null, null, "first-pass1"},
                new String[]{"newbie4", "新四", null, null, null, null, "12345", null, "first-pass1"},
                new String[]{"newbie5", "新五", null, null, null, null, null, null, null},
                new String[]{"newbie6", "新六", null, null, "也许", null, null, null, "first-pass1"},
                new String[]{null, null, null, null, null, null, null, null, null},
                new String[]{"newbie1", "重复", null, null, null, null, null, null, "first-pass1"},
                new String[]{"newbie7", "新七", null, null, null, null, null, "newbie1", "first-pass1"});

        JsonNode dry = upload(api.as("admin"), USERS + "/import", file, true).expect(200).json();
        assertTrue(dry.get("dryRun").asBoolean());
        assertEquals(List.of(11, 2, 1, 7), List.of(dry.get("total").asInt(), dry.get("created").asInt(),
                dry.get("updated").asInt(), dry.get("failed").asInt()), dry.toString());
        api.as("admin").get("/api/users/newbie1").expect(404);
        assertEquals("李娜", api.as("admin").get("/api/users/sales2").expect(200).json().get("name").asText());

        JsonNode done = upload(api.as("admin"), USERS + "/import", file, false).expect(200).json();
        assertEquals(List.of(11, 2, 1, 7), List.of(done.get("total").asInt(), done.get("created").asInt(),
                done.get("updated").asInt(), done.get("failed").asInt()), done.toString());
        List<String> errors = errors(done);
        assertTrue(errors.contains("5|用户名|用户名的格式不正确"), errors.toString());
        assertTrue(errors.contains("6|部门编码|部门编码不是有效的部门"), errors.toString());
        assertTrue(errors.contains("7|角色|角色“魔法师”不存在"), errors.toString());
        assertTrue(errors.contains("8|手机|手机不是有效的手机号码（11位，以1开头）"), errors.toString());
        assertTrue(errors.contains("9|初始密码|新用户需要填写初始密码（至少 6 位）"), errors.toString());
        assertTrue(errors.contains("10|状态|状态应为“启用”或“停用”"), errors.toString());
        assertTrue(errors.contains("12|用户名|与第 2 行重复"), errors.toString());
        assertEquals(7, errors.size(), errors.toString());
        assertEquals("newbie1", api.as("admin").get("/api/users/newbie7").expect(200).json().get("supervisor").asText(),
                "a supervisor may be a user a row above creates (the dry run counted on it too)");

        JsonNode newbie = api.as("admin").get("/api/users/newbie1").expect(200).json();
        assertEquals("新同事", newbie.get("name").asText());
        assertEquals("team_east", newbie.get("department").asText());
        assertEquals(List.of("salesperson", "sales_assistant"), Arrays.asList(
                newbie.get("roles").get(0).asText(), newbie.get("roles").get(1).asText()));
        assertEquals("13800001111", newbie.get("mobile").asText());
        assertEquals("leader1", newbie.get("supervisor").asText());
        api.login("newbie1", "first-pass1");
        JsonNode sales2 = api.as("admin").get("/api/users/sales2").expect(200).json();
        assertEquals("李娜娜", sales2.get("name").asText());
        assertEquals("13900002222", sales2.get("mobile").asText());
        assertEquals("team_north", sales2.get("department").asText(), "an empty cell leaves the value");
        for (String absent : List.of("newbie2", "newbie3", "newbie4", "newbie5", "newbie6")) {
            api.as("admin").get("/api/users/" + absent).expect(404);
        }

        JsonNode log = api.as("admin").get("/api/audit?user=admin").expect(200).json();
        String entries = log.toString();
        assertTrue(entries.contains("create_user") && entries.contains("newbie1"), entries);
        assertTrue(entries.contains("update_user") && entries.contains("13900002222"), entries);

        JsonNode english = upload(api.as("admin").english(), USERS + "/import", sheet(
                new String[]{"Username", "Name", "Mobile"}, new String[]{"sales2", "Li Na", "123"}), false)
                .expect(200).json();
        assertEquals(List.of("2|Mobile|Mobile is not a valid mobile number (11 digits starting with 1)"), errors(english));
    }

    @Test
    @Order(4)
    void aDepartmentsImportCreatesParentsBeforeChildrenUpdatesByCodeAndRefusesLoops() throws IOException {
        byte[] file = sheet(
                new String[]{"部门编码", "名称", "上级部门编码", "类型", "负责人"},
                new String[]{"team_south", "华南组", "south", "小组", "sales1"},
                new String[]{"south", "华南区", "sales", "department", null},
                new String[]{"team_north", "华北一组", null, null, null},
                new String[]{"loop_a", "甲", "loop_b", null, null},
                new String[]{"loop_b", "乙", "loop_a", null, null},
                new String[]{"odd", "怪", "hq", "魔法部", null},
                new String[]{"lonely", "孤", "hq", null, "nobody"},
                new String[]{"sales", "销售部", "team_east", null, null});
        JsonNode dry = upload(api.as("admin"), DEPARTMENTS + "/import", file, true).expect(200).json();
        assertEquals(List.of(8, 2, 1, 5), List.of(dry.get("total").asInt(), dry.get("created").asInt(),
                dry.get("updated").asInt(), dry.get("failed").asInt()), dry.toString());
        assertFalse(api.as("admin").get("/api/departments").expect(200).body().contains("team_south"));

        JsonNode done = upload(api.as("admin"), DEPARTMENTS + "/import", file, false).expect(200).json();
        assertEquals(List.of(8, 2, 1, 5), List.of(done.get("total").asInt(), done.get("created").asInt(),
                done.get("updated").asInt(), done.get("failed").asInt()), done.toString());
        List<String> errors = errors(done);
        assertTrue(errors.stream().anyMatch(e -> e.startsWith("5|上级部门编码|")), errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.startsWith("6|上级部门编码|")), errors.toString());
        assertTrue(errors.contains("7|类型|类型“魔法部”不存在，应为公司、分公司、部门或小组"), errors.toString());
        assertTrue(errors.contains("8|负责人|负责人不是有效的用户"), errors.toString());
        assertTrue(errors.contains("9|上级部门编码|上级部门编码不能是该部门自己或它的下级部门"), errors.toString());

        Map<String, JsonNode> byKey = new LinkedHashMap<>();
        api.as("admin").get("/api/departments").expect(200).json().forEach(d -> byKey.put(d.get("key").asText(), d));
        assertEquals("south", byKey.get("team_south").get("parent").asText());
        assertEquals("team", byKey.get("team_south").get("kind").asText());
        assertEquals("sales1", byKey.get("team_south").get("leader").asText());
        assertEquals("sales", byKey.get("south").get("parent").asText());
        assertEquals("华北一组", byKey.get("team_north").get("name").asText());
        assertEquals("sales", byKey.get("team_north").get("parent").asText(), "an empty cell leaves the parent");
        assertEquals("hq", byKey.get("sales").get("parent").asText(), "the refused loop changed nothing");
        assertFalse(byKey.containsKey("loop_a") || byKey.containsKey("odd") || byKey.containsKey("lonely"));
        assertTrue(api.as("admin").get("/api/audit?user=admin").expect(200).body().contains("update_department"));
    }

    @Test
    @Order(5)
    void onlyAdministratorsAndOnlyReadableSheetsWithTheKeyColumn() throws IOException {
        api.as("sales1").download(USERS + "/export").expect(403);
        api.as("sales1").download(DEPARTMENTS + "/export").expect(403);
        byte[] file = sheet(new String[]{"用户名", "姓名", "初始密码"}, new String[]{"intruder", "入侵", "first-pass1"});
        upload(api.as("sales1"), USERS + "/import", file, false).expect(403);
        upload(api.as("sales1"), DEPARTMENTS + "/import", file, false).expect(403);
        api.as("admin").get("/api/users/intruder").expect(404);

        JsonNode notXlsx = upload(api.as("admin"), USERS + "/import", "用户名\nx\n".getBytes(), false).expect(400).json();
        assertEquals(0, notXlsx.get("errors").get(0).get("row").asInt(), notXlsx.toString());
        assertFalse(notXlsx.toString().contains("Exception"), notXlsx.toString());
        JsonNode noKey = upload(api.as("admin"), DEPARTMENTS + "/import", file, false).expect(400).json();
        assertEquals(List.of("1|部门编码|第一行须为表头，并有“部门编码”一列"), errors(noKey));
        api.as("admin").get("/admin/users").expect(200);
        assertTrue(api.as("admin").get("/admin/users").body().contains("/api/admin/users/import"));
        assertTrue(api.as("admin").get("/admin/departments").body().contains("/api/admin/departments/export"));
    }
}
