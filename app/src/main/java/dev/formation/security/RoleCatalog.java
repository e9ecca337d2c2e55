package dev.formation.security;

import dev.formation.form.FormCatalog;
import dev.formation.metadata.MetadataDocument;
import dev.formation.metadata.MetadataException;
import dev.formation.metadata.MetadataSet;
import dev.formation.plugin.api.Message;

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The roles of {@code metadata/roles/}, compiled and checked against the forms: a grant must
 * name a form that exists and fields and list columns of that form.
 */
public final class RoleCatalog {

    private final Map<String, Role> roles = new LinkedHashMap<>();

    @SuppressWarnings("unchecked")
    public RoleCatalog(MetadataSet metadata, FormCatalog forms) {
        for (MetadataDocument doc : metadata.all("role")) {
            Map<String, Object> c = doc.content();
            Map<String, Grant> grants = new LinkedHashMap<>();
            Map<String, Object> raw = (Map<String, Object>) c.getOrDefault("forms", Map.of());
            raw.forEach((formKey, value) -> grants.put(formKey,
                    grant(doc, forms, formKey, (Map<String, Object>) value)));
            roles.put(doc.key(), new Role(doc.key(), Message.of((Map<String, String>) c.get("label")),
                    Boolean.TRUE.equals(c.get("admin")), grants,
                    Set.copyOf((List<String>) c.getOrDefault("metadata", List.of())),
                    c.get("notify") == null ? null : Set.copyOf((List<String>) c.get("notify"))));
        }
    }

    @SuppressWarnings("unchecked")
    private static Grant grant(MetadataDocument doc, FormCatalog forms, String formKey, Map<String, Object> g) {
        String at = "/forms/" + formKey;
        var form = "*".equals(formKey) ? null : forms.form(formKey).orElseThrow(() ->
                new MetadataException(doc.source(), at, "no form named '" + formKey + "'"));
        Set<String> actions = new HashSet<>((List<String>) g.getOrDefault("actions", List.of()));
        Scope scope = Scope.of((String) g.getOrDefault("scope", "own"));
        Map<String, Scope> actionScopes = new LinkedHashMap<>();
        ((Map<String, String>) g.getOrDefault("actionScopes", Map.of()))
                .forEach((action, s) -> actionScopes.put(action, Scope.of(s)));
        Scope list = g.get("list") == null ? null : Scope.of((String) g.get("list"));
        List<String> listColumns = (List<String>) g.getOrDefault("listColumns", List.of());
        Map<String, FieldAccess> fields = new LinkedHashMap<>();
        ((Map<String, String>) g.getOrDefault("fields", Map.of())).forEach((field, access) -> {
            if (form != null && !form.hasField(field)) {
                throw new MetadataException(doc.source(), at + "/fields/" + field,
                        "form '" + formKey + "' has no field '" + field + "'");
            }
            fields.put(field, FieldAccess.of(access));
        });
        if (form != null) {
            for (String column : listColumns) {
                if (!form.hasField(column) && !dev.formation.form.PlatformColumns.isPlatform(column)) {
                    throw new MetadataException(doc.source(), at + "/listColumns",
                            "form '" + formKey + "' has no column '" + column + "'");
                }
            }
        }
        Set<String> unowned = new HashSet<>((List<String>) g.getOrDefault("unowned", List.of()));
        Set<String> created = new HashSet<>((List<String>) g.getOrDefault("created", List.of()));
        return new Grant(actions, scope, actionScopes, list, listColumns, fields, unowned, created);
    }

    public Optional<Role> role(String key) {
        return Optional.ofNullable(roles.get(key));
    }

    public Collection<Role> roles() {
        return roles.values();
    }

    /** The roles whose metadata says {@code admin: true}, in metadata order: what the first user and demo data act with. */
    public List<String> administratorRoles() {
        return roles.values().stream().filter(Role::admin).map(Role::key).toList();
    }
}
