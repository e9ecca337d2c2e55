package dev.formation.it;

import dev.formation.form.FormCatalog;
import dev.formation.metadata.MetadataHolder;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A test-only endpoint (present only with {@code formation.test.pin-probe=true}) that reads the
 * metadata, waits while the test publishes, and reads it again, as a slow request would.
 */
@Requires(property = "formation.test.pin-probe", value = "true")
@Controller("/test/pin-probe")
@Secured(SecurityRule.IS_ANONYMOUS)
public class PinProbe {

    static volatile CountDownLatch arrived = new CountDownLatch(1);
    static volatile CountDownLatch go = new CountDownLatch(1);

    private final MetadataHolder holder;

    public PinProbe(MetadataHolder holder) {
        this.holder = holder;
    }

    @Get
    @ExecuteOn(TaskExecutors.BLOCKING)
    public Map<String, Object> probe() throws InterruptedException {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("first", holder.current().version());
        out.put("firstHasWechat", hasWechat());
        arrived.countDown();
        out.put("released", go.await(30, TimeUnit.SECONDS));
        out.put("again", holder.current().version());
        out.put("againHasWechat", hasWechat());
        out.put("latest", holder.latest().version());
        return out;
    }

    private boolean hasWechat() {
        return holder.current().get(FormCatalog.class).form("customer").orElseThrow().hasField("wechat");
    }
}
