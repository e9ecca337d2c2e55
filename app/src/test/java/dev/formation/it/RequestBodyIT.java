package dev.formation.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.formation.testing.Api;
import dev.formation.testing.AppTestBase;
import dev.formation.testing.Customers;
import dev.formation.testing.LogCapture;
import dev.formation.testing.RawHttp;
import io.micronaut.http.HttpMethod;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every endpoint that reads a JSON body, found from the router (so a new one is covered
 * without editing this test), against every way a body can be unreadable: each is a 400 or
 * 415 problem+json with a clear text, and none leaves an error or a stack trace in the log.
 */
class RequestBodyIT extends AppTestBase {

    private RawHttp raw;
    private String adminToken;
    private long customerId;

    /** A JSON endpoint: its method, its path with the variables filled in, whether it needs a body. */
    private record Endpoint(String method, String path, boolean bodyRequired) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    @BeforeAll
    void prepare() {
        raw = new RawHttp(app.baseUrl());
        adminToken = api.login("admin", Api.PASSWORD);
        customerId = create(Customers.valid(Customers.uniqueName("请求体"))).get("id").asLong();
    }

    private List<Endpoint> jsonEndpoints() {
        Map<String, Endpoint> out = new TreeMap<>();
        app.context().getBean(Router.class).uriRoutes()
                .filter(r -> r.getBodyArgument().isPresent())
                .filter(r -> r.getUriMatchTemplate().toString().startsWith("/api/"))
                .filter(r -> r.getConsumes().stream().anyMatch(t -> t.getSubtype().endsWith("json")))
                .forEach(r -> {
                    Endpoint e = new Endpoint(r.getHttpMethodName(), path(r), !r.getBodyArgument().get().isNullable());
                    out.put(e.toString(), e);
                });
        return List.copyOf(out.values());
    }

    private String path(UriRouteInfo<?, ?> route) {
        return route.getUriMatchTemplate().expand(Map.of("form", "customer", "id", customerId, "action", "submit",
                "username", "sales1", "key", "customer_approval", "kind", "flow", "number", 1));
    }

    @Test
    void theRouterHasTheJsonEndpointsThisTestSweeps() {
        List<String> endpoints = jsonEndpoints().stream().map(Endpoint::toString).toList();
        assertTrue(endpoints.size() >= 17, endpoints.toString());
        assertTrue(endpoints.contains("POST /api/login"), endpoints.toString());
        assertTrue(endpoints.contains("POST /api/forms/customer/records"), endpoints.toString());
    }

    @Test
    void anEmptyBodyIsA400WhereABodyIsNeededAndNothingWhereItIsOptional() {
        try (LogCapture log = new LogCapture()) {
            List<String> wrong = new ArrayList<>();
            for (Endpoint e : jsonEndpoints()) {
                for (String type : List.of("application/json", "application/json; charset=utf-8")) {
                    Api.Response r = raw.send(e.method(), e.path(), token(e), type, new byte[0]);
                    // an optional body may be left out: the endpoint then answers as to {} (a rule of its own may still refuse)
                    boolean ok = e.bodyRequired()
                            ? r.status() == 400 && isProblem(r) && title(r).equals("请求体为空，请发送一个 JSON 对象")
                            : r.status() < 500 && r.status() != 415 && !r.body().contains("请求体");
                    if (!ok) {
                        wrong.add(e + " [" + type + "] -> " + r.status() + " " + r.body());
                    }
                }
            }
            assertEquals(List.of(), wrong);
            assertEquals(List.of(), log.errorsAndStackTraces());
        }
    }

    @Test
    void anEmptyLoginBodyIsAnsweredInEnglishToo() {
        Api.Response r = raw.send("POST", "/api/login", null, "application/json", new byte[0], "Accept-Language", "en");
        assertEquals(400, r.status(), r.toString());
        assertTrue(isProblem(r), r.contentType());
        assertEquals("The request body is empty; send a JSON object", title(r));
    }

    @Test
    void everyUnreadableBodyIsA400ProblemWithItsReason() {
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("[]", "请求体必须是一个 JSON 对象");
        bodies.put("[{\"name\":\"x\"}]", "请求体必须是一个 JSON 对象");
        bodies.put("\"a string\"", "请求体必须是一个 JSON 对象");
        bodies.put("42", "请求体必须是一个 JSON 对象");
        bodies.put("null", "请求体必须是一个 JSON 对象");
        bodies.put("{\"name\": \"x\"", "请求体不是有效的 JSON");
        bodies.put("{\"name\": ", "请求体不是有效的 JSON");
        bodies.put("name=x&y=1", "请求体不是有效的 JSON");
        bodies.put("{\"a\":1}{\"b\":2}", "请求体不是有效的 JSON");
        bodies.put("{\"a\":1,\"a\":2}", "请求体不是有效的 JSON");
        bodies.put("   ", "请求体为空");
        try (LogCapture log = new LogCapture()) {
            List<String> wrong = new ArrayList<>();
            for (Endpoint e : jsonEndpoints()) {
                for (Map.Entry<String, String> body : bodies.entrySet()) {
                    if (!e.bodyRequired() && body.getKey().isBlank()) {
                        continue;
                    }
                    Api.Response r = raw.send(e.method(), e.path(), token(e), "application/json",
                            body.getKey().getBytes(StandardCharsets.UTF_8));
                    if (r.status() != 400 || !isProblem(r) || !title(r).startsWith(body.getValue())) {
                        wrong.add(e + " [" + body.getKey() + "] -> " + r.status() + " " + r.body());
                    }
                }
            }
            assertEquals(List.of(), wrong);
            assertEquals(List.of(), log.errorsAndStackTraces());
        }
    }

    @Test
    void aBodyOfAnotherMediaTypeIsA415() {
        List<String> wrong = new ArrayList<>();
        for (Endpoint e : jsonEndpoints()) {
            for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "application/xml")) {
                Api.Response r = raw.send(e.method(), e.path(), token(e), type, "{}".getBytes(StandardCharsets.UTF_8));
                if (r.status() != 415 || !isProblem(r)) {
                    wrong.add(e + " [" + type + "] -> " + r.status() + " " + r.body());
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void jsonInAnotherCharsetIsA415OnEveryEndpointAndStoresNothing() {
        String name = Customers.uniqueName("拉丁");
        byte[] body = Api.toJson(Customers.valid(name)).getBytes(StandardCharsets.UTF_8);
        List<String> wrong = new ArrayList<>();
        for (Endpoint e : jsonEndpoints()) {
            for (String type : List.of("application/json; charset=ISO-8859-1", "application/json;charset=GBK",
                    "application/json; charset=utf-16", "application/json; charset=nonsense")) {
                Api.Response r = raw.send(e.method(), e.path(), token(e), type, body);
                if (r.status() != 415 || !isProblem(r) || !title(r).contains("UTF-8")) {
                    wrong.add(e + " [" + type + "] -> " + r.status() + " " + r.body());
                }
            }
        }
        assertEquals(List.of(), wrong);
        assertEquals(0, total(name), "nothing was stored");
    }

    @Test
    void chineseTextInUtf8IsStoredAsSent() {
        for (String type : List.of("application/json", "application/json; charset=UTF-8", "application/json;charset=utf8",
                "application/merge-patch+json")) {
            String name = Customers.uniqueName("福州闽江");
            Map<String, Object> customer = Customers.valid(name);
            customer.put("legal_rep", "王五𠀀");
            Api.Response r = raw.send("POST", RECORDS, adminToken, type,
                    Api.toJson(customer).getBytes(StandardCharsets.UTF_8));
            assertEquals(201, r.status(), type + ": " + r);
            JsonNode stored = read(r.json().get("id").asLong());
            assertEquals(name, stored.get("name").asText(), type);
            assertEquals("王五𠀀", stored.get("legal_rep").asText(), type);
        }
    }

    @Test
    void bytesThatAreNotUtf8AreA400NotReplacementCharacters() {
        String name = Customers.uniqueName("编码");
        byte[] utf8 = Api.toJson(Customers.valid(name)).getBytes(StandardCharsets.UTF_8);
        Map<String, Object> withAccent = Customers.valid(name);
        withAccent.put("legal_rep", "José Müller");
        byte[] latin1 = Api.toJson(withAccent).replace(name, "Café " + name.hashCode()).getBytes(StandardCharsets.ISO_8859_1);
        byte[] cut = java.util.Arrays.copyOf(utf8, utf8.length);
        int at = Api.toJson(Customers.valid(name)).indexOf("测");
        cut[at + 2] = (byte) 0x22; // a quote where the third byte of 测 was: a broken sequence
        for (byte[] body : List.of(latin1, cut)) {
            Api.Response r = raw.send("POST", RECORDS, adminToken, "application/json", body);
            assertEquals(400, r.status(), r.toString());
            assertEquals("请求体不是有效的 UTF-8 编码", title(r));
        }
        assertEquals(0, total(name));
    }

    @Test
    void aByteOrderMarkIsIgnored() {
        String name = Customers.uniqueName("字节序");
        byte[] json = Api.toJson(Customers.valid(name)).getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[json.length + 3];
        body[0] = (byte) 0xEF;
        body[1] = (byte) 0xBB;
        body[2] = (byte) 0xBF;
        System.arraycopy(json, 0, body, 3, json.length);
        assertEquals(201, raw.send("POST", RECORDS, adminToken, "application/json", body).status());
        assertEquals(1, total(name));
    }

    @Test
    void aWrongParameterTypeNamesTheParameterNotTheParser() {
        Api.Response r = api.as("admin").get(RECORDS + "?page=abc");
        assertEquals(400, r.status(), r.toString());
        JsonNode problem = r.json();
        assertEquals("page", problem.get("errors").get(0).get("field").asText(), r.body());
        assertEquals("参数 page 无效：应为整数", problem.get("title").asText());
        assertFalse(r.body().contains("For input string"), r.body());
    }

    private String token(Endpoint e) {
        return e.path().equals("/api/login") ? null : adminToken;
    }

    private static boolean isProblem(Api.Response r) {
        return r.contentType().startsWith("application/problem+json");
    }

    private static String title(Api.Response r) {
        return r.json().path("title").asText();
    }
}
