package dev.formation.web.api;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The OpenAPI description, served as {@code application/yaml} (RFC 9512); the static resource
 * handler would name it by extension as {@code application/x-yaml}, which tools may not take.
 */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
public class OpenApiDocument {

    public static final String PATH = "/static/openapi.yaml";
    public static final String YAML = "application/yaml";

    private final byte[] document;

    public OpenApiDocument() {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream("/static/openapi.yaml")) {
            if (in == null) {
                throw new IllegalStateException("static/openapi.yaml is missing from the application");
            }
            document = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Get(PATH)
    @Produces(YAML)
    public HttpResponse<byte[]> document() {
        return HttpResponse.ok(document).contentType(YAML + ";charset=utf-8");
    }
}
