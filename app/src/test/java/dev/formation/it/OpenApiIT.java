package dev.formation.it;

import dev.formation.testing.Api;
import dev.formation.testing.AppTestBase;
import io.micronaut.http.HttpMethod;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The served OpenAPI description parses, and describes every API route the router has (so a
 * new endpoint without a description fails here): an operation with a unique operationId,
 * and the statuses every such route can answer by the platform's rules.
 */
class OpenApiIT extends AppTestBase {

    private Api.Response served;
    private OpenAPI openApi;

    @BeforeAll
    void parse() {
        served = api.anonymous().get("/static/openapi.yaml").expect(200);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(served.body(), null, null);
        assertEquals(List.of(), result.getMessages(), "the parser's complaints");
        openApi = result.getOpenAPI();
        assertNotNull(openApi);
    }

    @Test
    void isServedAsYaml() {
        assertTrue(served.contentType().startsWith("application/yaml"), served.contentType());
    }

    @Test
    void everyApiRouteHasAnOperationWithAnIdAndItsStatuses() {
        List<String> wrong = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Set<String> seen = new TreeSet<>();
        for (UriRouteInfo<?, ?> route : app.context().getBean(Router.class).uriRoutes().toList()) {
            String path = route.getUriMatchTemplate().toString();
            HttpMethod method = route.getHttpMethod();
            if (!(path.startsWith("/api/") || path.equals("/health")) || method == HttpMethod.HEAD
                    || method == HttpMethod.OPTIONS || !seen.add(method + " " + path)) {
                continue;
            }
            PathItem item = openApi.getPaths().get(path);
            Operation operation = item == null ? null : item.readOperationsMap().get(PathItem.HttpMethod.valueOf(method.name()));
            if (operation == null) {
                wrong.add(method + " " + path + ": no operation");
                continue;
            }
            if (operation.getOperationId() == null || !ids.add(operation.getOperationId())) {
                wrong.add(method + " " + path + ": operationId missing or not unique: " + operation.getOperationId());
            }
            Set<String> documented = operation.getResponses().keySet();
            for (String status : statusesOf(route, path, operation)) {
                if (!documented.contains(status)) {
                    wrong.add(method + " " + path + ": " + status + " is not documented");
                }
            }
        }
        assertTrue(seen.size() > 50, "API routes seen: " + seen);
        assertEquals(List.of(), wrong);
    }

    @Test
    void everyOperationInTheFileHasARoute() {
        Set<String> routes = new HashSet<>();
        app.context().getBean(Router.class).uriRoutes()
                .forEach(r -> routes.add(r.getHttpMethod() + " " + r.getUriMatchTemplate()));
        List<String> stale = new ArrayList<>();
        openApi.getPaths().forEach((path, item) -> item.readOperationsMap().keySet().forEach(m -> {
            if (!routes.contains(m.name() + " " + path)) {
                stale.add(m + " " + path);
            }
        }));
        assertEquals(List.of(), stale);
    }

    @Test
    void aUsersSupervisorMayBeNull() {
        io.swagger.v3.oas.models.media.Schema<?> supervisor = (io.swagger.v3.oas.models.media.Schema<?>)
                openApi.getComponents().getSchemas().get("User").getProperties().get("supervisor");
        assertTrue(supervisor.getTypes() != null && supervisor.getTypes().contains("null"), String.valueOf(supervisor));
        boolean someoneHasNone = false;
        for (var user : api.as("admin").get("/api/users").expect(200).json()) {
            someoneHasNone |= user.has("supervisor") && user.get("supervisor").isNull();
        }
        assertTrue(someoneHasNone, "the demo has users without a supervisor, which the schema must allow");
    }

    /** Statuses the platform answers on a route by its shape: login, body, path variables, typed parameters. */
    private static Set<String> statusesOf(UriRouteInfo<?, ?> route, String path, Operation operation) {
        Set<String> out = new TreeSet<>();
        boolean anonymous = operation.getSecurity() != null && operation.getSecurity().isEmpty();
        if (!anonymous) {
            out.add("401");
        }
        if (route.getBodyArgument().isPresent() || route.getConsumes().stream()
                .anyMatch(t -> t.getSubtype().equals("form-data"))) {
            out.add("400");
            out.add("415");
        }
        if (path.contains("{")) {
            out.add("404");
        }
        if (path.contains("{id}")) {
            out.add("400"); // an id that is not a number
        }
        return out;
    }
}
