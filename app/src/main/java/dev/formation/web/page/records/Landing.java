package dev.formation.web.page.records;

import dev.formation.form.Form;
import dev.formation.form.PlatformColumns;
import dev.formation.core.Actor;
import dev.formation.record.RecordService;
import dev.formation.security.AccessPolicy;
import dev.formation.web.page.Flash;
import dev.formation.web.page.Pages;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where a page goes after a post that changed a record: back to the record, or, when the change
 * took it out of the user's reach (handed to someone else, released to a pool, a share taken off,
 * an effect of a flow), to the form's list with a message saying what happened. A user is never
 * sent to a "not found" page for something they just did themselves.
 */
@Singleton
class Landing {

    /** The record a post is about, named as the user knew it before the change. */
    record Subject(String form, long id, String formLabel, String title) {

        static Subject of(Form form, Map<String, Object> record, Locale locale) {
            long id = ((Number) record.get(PlatformColumns.ID)).longValue();
            return new Subject(form.key(), id, form.label().in(locale), RecordHeader.title(form, record));
        }

        String recordPath() {
            return "/forms/" + form + "/" + id;
        }

        String listPath() {
            return "/forms/" + form;
        }
    }

    private final RecordService records;
    private final Flash flash;

    Landing(RecordService records, Flash flash) {
        this.records = records;
        this.flash = flash;
    }

    /**
     * To the record (or one of its tabs, {@code tab} such as {@code "/sharing"}) when the user may
     * still read it; else to the list with the message {@code page.flash.<gone>}, whose arguments
     * are the form's label, the record's title and then {@code more}.
     */
    MutableHttpResponse<?> toRecord(Subject subject, String tab, Actor actor, String gone, String... more) {
        if (records.may(subject.form(), subject.id(), AccessPolicy.READ, actor)) {
            return Pages.seeOther(subject.recordPath() + tab);
        }
        return toList(subject, gone, more);
    }

    /** To the record, which the user may still read, with the message {@code page.flash.<name>} about it. */
    MutableHttpResponse<?> toRecordWith(Subject subject, String name, String... more) {
        return flash.redirect(subject.recordPath(), name, arguments(subject, more));
    }

    /** To the form's list with the message {@code page.flash.<name>} about the record. */
    MutableHttpResponse<?> toList(Subject subject, String name, String... more) {
        return flash.redirect(subject.listPath(), name, arguments(subject, more));
    }

    private static String[] arguments(Subject subject, String... more) {
        List<String> args = new ArrayList<>(List.of(subject.formLabel(), subject.title()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }
}
