package dev.formation.web.page;

import dev.formation.i18n.Texts;
import dev.formation.security.LoginService;
import dev.formation.web.RequestLocale;
import dev.formation.web.protection.Csrf;
import freemarker.core.HTMLOutputFormat;
import freemarker.core.TemplateClassResolver;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import freemarker.template.TemplateNotFoundException;
import io.micronaut.core.io.Writable;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.views.ViewsRenderer;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Renders {@code templates/*.ftlh} with FreeMarker. The {@code .ftlh} output format escapes
 * every interpolation as HTML and the configuration never turns that off. Each page also gets
 * the shell's model: texts in the user's language, the user, the menus, the CSRF token.
 */
@Singleton
public class PageRenderer implements ViewsRenderer<Object, HttpRequest<?>> {

    private final Configuration freemarker;
    private final Shell shell;
    private final Csrf csrf;

    public PageRenderer(Shell shell, Csrf csrf) {
        this.shell = shell;
        this.csrf = csrf;
        freemarker = new Configuration(Configuration.VERSION_2_3_34);
        freemarker.setClassLoaderForTemplateLoading(PageRenderer.class.getClassLoader(), "templates");
        freemarker.setDefaultEncoding("UTF-8");
        freemarker.setOutputFormat(HTMLOutputFormat.INSTANCE);
        freemarker.setAutoEscapingPolicy(Configuration.ENABLE_IF_SUPPORTED_AUTO_ESCAPING_POLICY);
        freemarker.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        freemarker.setLogTemplateExceptions(false);
        freemarker.setWrapUncheckedExceptions(true);
        freemarker.setFallbackOnNullLoopVariable(false);
        freemarker.setAPIBuiltinEnabled(false);
        freemarker.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
    }

    @Override
    public Writable render(String viewName, Object data, HttpRequest<?> request) {
        String html = html(viewName, data, request);
        return out -> out.write(html);
    }

    @Override
    public boolean exists(String viewName) {
        try {
            freemarker.getTemplate(viewName + ".ftlh");
            return true;
        } catch (TemplateNotFoundException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    public String html(String viewName, Object data, HttpRequest<?> request) {
        Map<String, Object> model = new HashMap<>();
        if (data instanceof Map<?, ?> map) {
            model.putAll((Map<String, Object>) map);
        }
        Locale locale = request == null ? Texts.ZH_CN : RequestLocale.of(request);
        model.put("t", Texts.all(locale));
        model.put("lang", locale.toLanguageTag());
        model.put("en", "en".equals(locale.getLanguage()));
        model.putIfAbsent("path", request == null ? "/" : request.getPath());
        if (request != null) {
            request.getUserPrincipal(Authentication.class).ifPresent(a -> {
                var actor = LoginService.actor(a);
                model.put("user", actor);
                model.put("menus", shell.menus(actor, locale));
                if (!model.containsKey("todoCount")) {
                    var counts = shell.counts(actor);
                    model.put("todoCount", counts.pending() + counts.ccUnread());
                    model.put("noticeCount", counts.notificationsUnread());
                }
            });
            model.put("csrf", csrf.token(request));
        }
        try {
            Template template = freemarker.getTemplate(viewName + ".ftlh", locale);
            StringWriter out = new StringWriter();
            template.process(model, out);
            return out.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (TemplateException e) {
            throw new IllegalStateException("template " + viewName + " failed: " + e.getMessage(), e);
        }
    }
}
