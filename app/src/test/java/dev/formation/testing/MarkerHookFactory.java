package dev.formation.testing;

import dev.formation.plugin.api.Message;
import dev.formation.plugin.api.RecordChange;
import dev.formation.plugin.api.RecordHook;
import dev.formation.plugin.api.RecordHookFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A record-hook plugin registered only on the test class path
 * ({@code META-INF/services/dev.formation.plugin.api.RecordHookFactory}), so the engine finds it
 * through the SPI like any plugin. It touches only records holding one of its markers, so every
 * other test runs as if it were not there: a direct write of a value containing {@link #VETO}, or
 * a flow's write that makes a record whose name contains {@link #FLOW_VETO} active, is vetoed.
 */
public final class MarkerHookFactory implements RecordHookFactory {

    public static final String MARKER = "HOOK-";
    public static final String VETO = "HOOK-VETO";
    public static final String FLOW_VETO = "HOOK-FLOWVETO";
    public static final Message REFUSAL = Message.of("测试插件拒绝了这个值", "The test plugin refuses this value");

    /** What the hook saw of writes touching a marker, in order: "before"/"after" and the change. */
    public static final Queue<Seen> SEEN = new ConcurrentLinkedQueue<>();

    public record Seen(String when, RecordChange change) {
    }

    @Override
    public String id() {
        return "test-marker";
    }

    @Override
    public RecordHook create() {
        return new RecordHook() {
            @Override
            public List<Veto> before(RecordChange change) {
                if (!touchesMarker(change)) {
                    return List.of();
                }
                SEEN.add(new Seen("before", change));
                List<Veto> vetoes = new ArrayList<>();
                change.newValues().forEach((field, value) -> {
                    boolean direct = !change.onBehalfOfFlow() && value instanceof String s && s.contains(VETO);
                    boolean flow = change.onBehalfOfFlow() && "active".equals(change.newValues().get("status"))
                            && "name".equals(field) && String.valueOf(value).contains(FLOW_VETO);
                    if (direct || flow) {
                        vetoes.add(new Veto(field, REFUSAL));
                    }
                });
                return vetoes;
            }

            @Override
            public void after(RecordChange change) {
                if (touchesMarker(change)) {
                    SEEN.add(new Seen("after", change));
                }
            }
        };
    }

    private static boolean touchesMarker(RecordChange change) {
        return holds(change.newValues()) || holds(change.storedValues());
    }

    private static boolean holds(Map<String, Object> values) {
        return values.values().stream().anyMatch(v -> v instanceof String s && s.contains(MARKER));
    }
}
