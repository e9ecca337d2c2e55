package dev.formation.web.api;

import dev.formation.record.RollupRebuild;
import dev.formation.security.LoginService;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;

import java.util.Map;

/** The administrator's rebuild of rollup fields from the data as it is, for one form or all. */
@Controller("/api/admin/rollups")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class RollupApi {

    private final RollupRebuild rebuild;

    public RollupApi(RollupRebuild rebuild) {
        this.rebuild = rebuild;
    }

    /** 200 with the rows written per form; 403 for a non-admin, 404 for an unknown form. */
    @Post("/rebuild")
    public Map<String, Object> rebuild(@Nullable @QueryValue String form, Authentication authentication) {
        return rebuild.rebuild(LoginService.actor(authentication), form);
    }
}
