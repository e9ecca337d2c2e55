package dev.formation.web.api;

import dev.formation.engine.LiveMetadata;
import dev.formation.engine.MetadataExchange;
import dev.formation.engine.MetadataHistory;
import dev.formation.i18n.Texts;
import dev.formation.web.RequestLocale;
import dev.formation.web.error.Problem;
import io.micronaut.http.HttpHeaders;
import dev.formation.security.LoginService;
import dev.formation.web.RequestLocale;
import dev.formation.web.error.Problem;
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
import java.util.Locale;
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
    public Map<String, Object> validate(HttpRequest<?> request, Authentication authentication) {
        LiveMetadata.Check check = metadata.validate(LoginService.actor(authentication));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("valid", check.ok());
        out.put("online", check.online());
        out.put("errors", problems(check, RequestLocale.of(request)));
        out.put("plan", check.plan());
        return out;
    }

    @Get("/versions/{number}")
    public Map<String, Object> version(int number, Authentication authentication) {
        return history.version(LoginService.actor(authentication), number);
    }

    /** {@code {"discardDraft": true}} lets a restore throw away unpublished draft edits; else it is a 409 naming them. */
    @Post("/versions/{number}/restore")
    @Consumes(MediaType.APPLICATION_JSON)
    public HttpResponse<Map<String, Object>> restore(HttpRequest<?> request, int number, @Nullable @Body byte[] body,
                                                     Authentication authentication) {
        Map<String, Object> options = body == null || body.length == 0 ? Map.of() : JsonBodies.object(body);
        Locale locale = RequestLocale.of(request);
        try {
            return answer(metadata.restore(LoginService.actor(authentication), number,
                    Boolean.TRUE.equals(options.get("discardDraft")), Boolean.TRUE.equals(options.get("offline"))), locale);
        } catch (LiveMetadata.DraftDiffers e) {
            return Problem.of(HttpStatus.CONFLICT, Texts.get(locale, "metadata.restore.draftDiffers"),
                    Texts.get(locale, "metadata.restore.draftDiffers.detail", String.join(", ", e.definitions())),
                    null, Map.of("definitions", e.definitions()));
        }
    }

    /** {@code {"comment", "offline"}}: {@code offline: true} lets steps run that block writes to a table. */
    @Post("/publish")
    @Consumes(MediaType.APPLICATION_JSON)
    public HttpResponse<Map<String, Object>> publish(HttpRequest<?> request, @Nullable @Body byte[] body,
                                                     Authentication authentication) {
        Map<String, Object> options = body == null || body.length == 0 ? Map.of() : JsonBodies.object(body);
        Object comment = options.get("comment");
        return answer(metadata.publish(LoginService.actor(authentication), comment instanceof String c ? c : null,
                Boolean.TRUE.equals(options.get("offline"))), RequestLocale.of(request));
    }

    private static List<Map<String, Object>> problems(LiveMetadata.Check check, Locale locale) {
        return check.problems().stream().map(p -> p.view(locale)).toList();
    }

    /**
     * 200 with the version and the plan; 422 with every problem; 409 with the plan when steps
     * would block writes and the request did not say {@code "offline": true}.
     */
    private static HttpResponse<Map<String, Object>> answer(LiveMetadata.Published published, Locale locale) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (published.needsOffline()) {
            return Problem.of(HttpStatus.CONFLICT, Texts.get(locale, "metadata.publish.offline"),
                    Texts.get(locale, "metadata.publish.offline.detail"), null,
                    Map.of("plan", published.check().plan()));
        }
        if (published.version() == null) {
            return Problem.of(HttpStatus.UNPROCESSABLE_ENTITY, Texts.get(locale, "metadata.publish.refused"), null,
                    null, Map.of("errors", problems(published.check(), locale)));
        }
        out.put("version", published.version());
        out.put("plan", published.check().plan());
        out.put("applied", published.applied());
        return HttpResponse.ok(out);
    }
}
