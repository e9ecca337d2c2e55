package dev.formation.web.api;

import dev.formation.engine.LiveMetadata;
import dev.formation.engine.MetadataExchange;
import dev.formation.engine.MetadataHistory;
import dev.formation.i18n.Texts;
import dev.formation.web.RequestLocale;
import dev.formation.web.error.Problem;
import io.micronaut.http.HttpHeaders;
import dev.formation.security.LoginService;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The tenant's metadata while the app runs: the draft, its check, publishing, the versions and their diffs, export and import. */
@Controller("/api/admin/metadata")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class MetadataApi {

    private static final String YAML = "application/yaml";
    private static final String ZIP = "application/zip";

    private final LiveMetadata metadata;
    private final MetadataHistory history;
    private final MetadataExchange exchange;

    public MetadataApi(LiveMetadata metadata, MetadataHistory history, MetadataExchange exchange) {
        this.metadata = metadata;
        this.history = history;
        this.exchange = exchange;
    }

    @Get
    public Map<String, List<Map<String, Object>>> list(Authentication authentication) {
        return metadata.list(LoginService.actor(authentication));
    }

    @Get("/versions")
    public List<Map<String, Object>> versions(Authentication authentication) {
        return history.versions(LoginService.actor(authentication));
    }

    /** The draft (or a published version's layer) as a zip laid out like {@code metadata/}. */
    @Get("/export")
    @Produces(ZIP)
    public HttpResponse<byte[]> export(@Nullable @QueryValue Integer version, Authentication authentication) {
        MetadataExchange.Export export = exchange.export(LoginService.actor(authentication), version);
        return HttpResponse.ok(export.zip()).contentType(ZIP)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + export.fileName() + "\"");
    }

    /** Such a zip becomes the draft, all of it or nothing; 400 names each bad file and why. */
    @Post("/import")
    @Consumes({ZIP, "application/x-zip-compressed", MediaType.APPLICATION_OCTET_STREAM})
    public HttpResponse<?> importDraft(HttpRequest<?> request, @Body byte[] body, Authentication authentication) {
        var locale = RequestLocale.of(request);
        MetadataExchange.Imported imported = exchange.importDraft(LoginService.actor(authentication), body, locale);
        if (!imported.ok()) {
            return Problem.of(HttpStatus.BAD_REQUEST, Texts.get(locale, "problem.importRefused"), null, imported.problems());
        }
        return HttpResponse.ok(imported.view());
    }

    @Get("/{kind}/{key}")
    public Map<String, Object> definition(String kind, String key, Authentication authentication) {
        return metadata.get(LoginService.actor(authentication), kind, key);
    }

    /**
     * JSON is YAML, so either body is stored as the text it came in; a JSON body is first read as
     * every JSON body is, so it is refused for the same reasons.
     */
    @Put("/{kind}/{key}")
    @Consumes({YAML, MediaType.APPLICATION_JSON, "text/yaml"})
    public HttpResponse<?> put(HttpRequest<?> request, String kind, String key, @Body byte[] body,
                               Authentication authentication) {
        if (request.getContentType().map(t -> t.getSubtype().endsWith("json")).orElse(false)) {
            JsonBodies.object(body);
        }
        metadata.put(LoginService.actor(authentication), kind, key, new String(body, StandardCharsets.UTF_8));
        return HttpResponse.noContent();
    }

    @Delete("/{kind}/{key}")
    public HttpResponse<?> drop(String kind, String key, Authentication authentication) {
        metadata.drop(LoginService.actor(authentication), kind, key);
        return HttpResponse.noContent();
    }

    @Post("/validate")
    public Map<String, Object> validate(Authentication authentication) {
        LiveMetadata.Check check = metadata.validate(LoginService.actor(authentication));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("valid", check.ok());
        out.put("errors", check.problems());
        out.put("plan", check.plan());
        return out;
    }

    @Get("/versions/{number}")
    public Map<String, Object> version(int number, Authentication authentication) {
        return history.version(LoginService.actor(authentication), number);
    }

    @Post("/versions/{number}/restore")
    public HttpResponse<Map<String, Object>> restore(int number, Authentication authentication) {
        return answer(metadata.restore(LoginService.actor(authentication), number));
    }

    @Post("/publish")
    @Consumes(MediaType.APPLICATION_JSON)
    public HttpResponse<Map<String, Object>> publish(@Nullable @Body byte[] body, Authentication authentication) {
        Object comment = body == null || body.length == 0 ? null : JsonBodies.object(body).get("comment");
        return answer(metadata.publish(LoginService.actor(authentication), comment instanceof String c ? c : null));
    }

    /** 200 with the version and the plan, or 422 with every problem. */
    private static HttpResponse<Map<String, Object>> answer(LiveMetadata.Published published) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (published.version() == null) {
            out.put("type", "about:blank");
            out.put("title", "The draft cannot be published");
            out.put("status", HttpStatus.UNPROCESSABLE_ENTITY.getCode());
            out.put("errors", published.check().problems());
            return HttpResponse.<Map<String, Object>>status(HttpStatus.UNPROCESSABLE_ENTITY).body(out)
                    .contentType(MediaType.of("application/problem+json"));
        }
        out.put("version", published.version());
        out.put("plan", published.check().plan());
        return HttpResponse.ok(out);
    }
}
