package dev.formation.flow;

import dev.formation.form.FormCatalog;
import dev.formation.form.FormCompiler;
import dev.formation.metadata.MetadataException;
import dev.formation.metadata.MetadataLoader;
import dev.formation.metadata.MetadataSet;
import dev.formation.security.RoleCatalog;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The checks a flow passes when it loads, against the shipped forms and roles. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FlowCompilerTest {

    private MetadataSet metadata;
    private FlowCompiler compiler;

    @BeforeAll
    void shippedMetadata() {
        metadata = new MetadataLoader().load(null, null);
        FormCatalog forms = new FormCompiler(metadata, Set.of("uscc")).compile();
        compiler = new FlowCompiler(forms, new RoleCatalog(metadata, forms));
    }

    private FlowDefinition compile(Map<String, Object> content) {
        return compiler.compile("flows/test.yaml", content, 0);
    }

    private static Map<String, Object> flow(Map<String, Object>... nodes) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("key", "test");
        f.put("label", Map.of("zh-CN", "测试"));
        f.put("form", "deal");
        f.put("trigger", "submit");
        f.put("nodes", new ArrayList<>(List.of(nodes)));
        return f;
    }

    private static Map<String, Object> approval(String key, Map<String, Object> extra) {
        Map<String, Object> n = new LinkedHashMap<>(Map.of("key", key, "type", "approval",
                "assignees", Map.of("users", List.of("leader1"))));
        n.putAll(extra);
        return n;
    }

    private String failure(Map<String, Object> content) {
        return assertThrows(MetadataException.class, () -> compile(content)).getMessage();
    }

    @Test
    void everyShippedFlowCompiles() {
        List<String> keys = new ArrayList<>();
        metadata.all(FlowCatalog.KIND).forEach(doc -> keys.add(compiler.compile(doc.source(), doc.content(), 0).key()));
        assertTrue(keys.containsAll(List.of("customer_approval", "customer_change", "customer_owner_application",
                "customer_deactivate", "customer_reactivate", "deal_approval", "sales_target_review")), keys.toString());
    }

    @Test
    void theDealFlowBranchesOnTheAmount() {
        FlowDefinition deal = compiler.compile("deal_approval", metadata.find(FlowCatalog.KIND, "deal_approval")
                .orElseThrow().content(), 0);
        FlowNode check = deal.node("amount_check").orElseThrow();
        assertEquals("countersign", check.branches().get(0).next());
        assertEquals(FlowNode.Mode.ALL, deal.node("countersign").orElseThrow().mode());
        assertTrue(check.branches().get(0).when().test(Map.of("amount", new java.math.BigDecimal("1000001")), java.time.Clock.systemUTC()));
        assertEquals(false, check.branches().get(0).when().test(Map.of("amount", new java.math.BigDecimal("1000000")), java.time.Clock.systemUTC()));
        assertEquals("finance_review", deal.after(deal.node("countersign").orElseThrow()).orElseThrow().key());
    }

    @Test
    void aVoteNeedsItsRatio() {
        assertTrue(failure(flow(approval("vote", Map.of("mode", "vote")))).contains("passRatio"));
    }

    @Test
    void assigneesMustNameARoleAndAUserFieldThatExist() {
        assertTrue(failure(flow(approval("a", Map.of("assignees", Map.of("role", "nobody")))))
                .contains("/nodes/0/assignees/role"));
        assertTrue(failure(flow(approval("a", Map.of("assignees", Map.of("field", "amount")))))
                .contains("not a user field"));
    }

    @Test
    void anApproverMayNotEditWhatTheSystemSetsNorBeAskedForWhatTheyCannotEdit() {
        assertTrue(failure(flow(approval("a", Map.of("editableFields", List.of("items_total")))))
                .contains("set by the system"));
        assertTrue(failure(flow(approval("a", Map.of("editableFields", List.of("remark"),
                "requiredFields", List.of("sign_date"))))).contains("/nodes/0/requiredFields"));
    }

    @Test
    void branchesJumpOnlyForwardToNodesThatExist() {
        Map<String, Object> condition = Map.of("key", "c", "type", "condition",
                "branches", List.of(Map.of("when", "amount > 1", "next", "nowhere")));
        assertTrue(failure(flow(approval("a", Map.of()), condition)).contains("no node named 'nowhere'"));
        Map<String, Object> back = Map.of("key", "c", "type", "condition",
                "branches", List.of(Map.of("when", "amount > 1", "next", "a")));
        assertTrue(failure(flow(approval("a", Map.of()), back)).contains("only jump forward"));
        Map<String, Object> badExpression = Map.of("key", "c", "type", "condition",
                "branches", List.of(Map.of("when", "no_such_field > 1", "next", "b")));
        assertTrue(failure(flow(approval("a", Map.of()), badExpression, approval("b", Map.of())))
                .contains("/nodes/1/branches/0/when"));
    }

    @Test
    void outcomesSetOnlyStatusesTheFormHas() {
        Map<String, Object> f = flow(approval("a", Map.of()));
        f.put("onApprove", Map.of("status", "shipped"));
        assertTrue(failure(f).contains("'shipped' is not a status"));
    }
}
