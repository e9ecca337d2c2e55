package dev.formation.web.page.admin;

import dev.formation.core.Actor;
import dev.formation.core.ValidationException;
import dev.formation.i18n.Texts;
import dev.formation.security.Department;
import dev.formation.security.DepartmentTree;
import dev.formation.security.Directory;
import dev.formation.security.UserAdministration;
import dev.formation.web.RequestLocale;
import dev.formation.web.page.Choices;
import dev.formation.web.page.PageErrors;
import dev.formation.web.page.Pages;
import dev.formation.web.protection.FormBody;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code /admin/departments}: the organisation tree with each unit's kind, leader and members, and adding a unit. */
@Controller("/admin/departments")
@Produces(MediaType.TEXT_HTML)
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class AdminDepartmentsPage {

    private static final List<String> KINDS = List.of(Department.COMPANY, Department.BRANCH, Department.DEPARTMENT,
            Department.TEAM);
    private static final List<String> FIELDS = List.of("key", "name", "parent", "kind", "leader");

    private final UserAdministration admin;
    private final Directory directory;
    private final Pages pages;

    public AdminDepartmentsPage(UserAdministration admin, Directory directory, Pages pages) {
        this.admin = admin;
        this.directory = directory;
        this.pages = pages;
    }

    @Get
    public HttpResponse<?> list(HttpRequest<?> request, Actor actor) {
        admin.requireAdmin(actor);
        Map<String, String> blank = new HashMap<>(Map.of("kind", Department.DEPARTMENT));
        return render(request, HttpStatus.OK, actor, blank, PageErrors.none());
    }

    @Post
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> create(HttpRequest<?> request, Locale locale, FormBody posted, Actor actor) {
        Map<String, String> values = new HashMap<>();
        FIELDS.forEach(f -> {
            String v = posted.first(f);
            values.put(f, v == null ? "" : v.strip());
        });
        try {
            admin.createDepartment(actor, new LinkedHashMap<>(values), locale);
        } catch (ValidationException e) {
            Map<String, String> labels = new LinkedHashMap<>();
            FIELDS.forEach(f -> labels.put(f, Texts.get(locale, "page.departments." + f)));
            return render(request, HttpStatus.BAD_REQUEST, actor, values, new PageErrors(e.errors(), labels));
        }
        return Pages.seeOther("/admin/departments");
    }

    private HttpResponse<?> render(HttpRequest<?> request, HttpStatus status, Actor actor, Map<String, String> values,
                                   PageErrors errors) {
        Locale locale = RequestLocale.of(request);
        Map<String, String> users = directory.userNames();
        Map<String, Long> members = new HashMap<>();
        admin.users(actor).forEach(u -> {
            if (u.get("department") != null) {
                members.merge((String) u.get("department"), 1L, Long::sum);
            }
        });
        Map<String, String> departmentNames = directory.departmentNames();
        List<Map<String, Object>> rows = DepartmentTree.order(admin.departments(actor)).stream().map(d -> {
            Map<String, Object> row = new LinkedHashMap<>();
            String key = (String) d.get("key");
            row.put("key", key);
            row.put("name", d.get("name") == null ? key : d.get("name"));
            row.put("depth", d.get("depth"));
            // phones show rows as cards without the indentation, so they name the parent instead
            row.put("parent", d.get("parent") == null ? "" : departmentNames.getOrDefault((String) d.get("parent"),
                    (String) d.get("parent")));
            row.put("kind", kindLabel((String) d.get("kind"), locale));
            row.put("leader", d.get("leader") == null ? "" : users.getOrDefault((String) d.get("leader"),
                    (String) d.get("leader")));
            row.put("members", members.getOrDefault(key, 0L));
            return row;
        }).toList();
        Map<String, String> kinds = new LinkedHashMap<>();
        KINDS.forEach(k -> kinds.put(k, kindLabel(k, locale)));
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("departments", rows);
        model.put("values", values);
        model.put("parents", Choices.of(departmentNames, List.of(values.getOrDefault("parent", ""))));
        model.put("kinds", Choices.of(kinds, List.of(values.getOrDefault("kind", ""))));
        model.put("leaders", Choices.of(users, List.of(values.getOrDefault("leader", ""))));
        model.put("errors", errors.model());
        return pages.render(request, status, "admin-departments", model);
    }

    private static String kindLabel(String kind, Locale locale) {
        return kind == null ? "" : Texts.get(locale, "page.department.kind." + kind);
    }
}
