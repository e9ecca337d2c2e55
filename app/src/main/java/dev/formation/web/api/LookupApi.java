package dev.formation.web.api;

import dev.formation.core.BadRequestException;
import dev.formation.lookup.CompanyLookups;
import dev.formation.plugin.api.CompanyCandidate;
import dev.formation.security.LoginService;
import dev.formation.web.RequestLocale;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Part;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The company lookup: {@code GET /api/lookup/company?q=} for anyone logged in (what a business
 * registry publishes, so no record right is needed), and the registry file behind it for
 * administrators ({@code GET}/{@code PUT /api/admin/company-registry}).
 */
@Controller("/api")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class LookupApi {

    private final CompanyLookups lookups;

    public LookupApi(CompanyLookups lookups) {
        this.lookups = lookups;
    }

    @Get("/lookup/company")
    public List<Map<String, Object>> companies(@Nullable @QueryValue String q, @Nullable @QueryValue Integer limit) {
        if (q != null && q.length() > 200) {
            throw new BadRequestException("problem.badParam", "q", "1-200");
        }
        return lookups.search(q, limit == null ? 10 : limit).stream().map(LookupApi::view).toList();
    }

    @Get("/admin/company-registry")
    public Map<String, Object> registry(Authentication authentication) {
        return lookups.status(LoginService.actor(authentication));
    }

    @Put("/admin/company-registry")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Map<String, Object> load(HttpRequest<?> request, @Part("file") @Nullable CompletedFileUpload file,
                                    Authentication authentication) {
        if (file == null) {
            throw new BadRequestException("problem.badParam", "file", "CSV / XLSX");
        }
        byte[] content;
        try {
            content = file.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lookups.load(LoginService.actor(authentication), file.getFilename(), content, RequestLocale.of(request));
    }

    static Map<String, Object> view(CompanyCandidate c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", c.name());
        m.put("creditCode", c.creditCode());
        m.put("legalRepresentative", c.legalRepresentative());
        m.put("foundedOn", c.foundedOn() == null ? null : c.foundedOn().toString());
        m.put("registeredIndustry", c.industry());
        m.put("industryCode", c.industryCode());
        m.put("address", c.address());
        m.put("status", c.status());
        return m;
    }
}
