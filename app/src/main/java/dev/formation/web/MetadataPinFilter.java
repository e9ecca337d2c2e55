package dev.formation.web;

import dev.formation.metadata.MetadataPin;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.propagation.MutablePropagatedContext;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Gives every request a {@link MetadataPin}, so a request in flight finishes on the metadata
 * snapshot it started with while a publish swaps the next one in. First of all filters, so
 * the security checks and the handler read the same snapshot.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class MetadataPinFilter implements Ordered {

    @RequestFilter
    public void pin(MutablePropagatedContext context) {
        context.add(new MetadataPin());
    }

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }
}
