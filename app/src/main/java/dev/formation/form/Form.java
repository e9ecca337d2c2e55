package dev.formation.form;

import dev.formation.plugin.api.Message;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A compiled form: its fields in order and how its list and pages present it. */
public final class Form {

    /** The key of a record's progress in what the API answers (see {@link Progress}); no field of such a form has it. */
    public static final String PROGRESS = "progress";

    private final String key;
    private final Message label;
    private final String icon;
    private final String titleField;
    private final String codePattern;
    private final List<Field> fields;
    private final Map<String, Field> byKey = new LinkedHashMap<>();
    private final List<String> searchFields;
    private final List<String> listColumns;
    private final List<String> filters;
    private final String defaultSort;
    private final List<Section> sections;
    private final List<String> selectableStatuses;
    private final List<FormRule> rules;
    private final List<FormPrint> prints;
    private final FormBin bin;
    private final CrossRecords crossRecords;

    public Form(String key, Message label, String icon, String titleField, String codePattern, List<Field> fields,
                List<String> searchFields, List<String> listColumns, List<String> filters, String defaultSort,
                List<Section> sections, List<String> selectableStatuses) {
        this(key, label, icon, titleField, codePattern, fields, searchFields, listColumns, filters, defaultSort,
                sections, selectableStatuses, List.of());
    }

    public Form(String key, Message label, String icon, String titleField, String codePattern, List<Field> fields,
                List<String> searchFields, List<String> listColumns, List<String> filters, String defaultSort,
                List<Section> sections, List<String> selectableStatuses, List<FormRule> rules) {
        this(key, label, icon, titleField, codePattern, fields, searchFields, listColumns, filters, defaultSort,
                sections, selectableStatuses, rules, List.of());
    }

    public Form(String key, Message label, String icon, String titleField, String codePattern, List<Field> fields,
                List<String> searchFields, List<String> listColumns, List<String> filters, String defaultSort,
                List<Section> sections, List<String> selectableStatuses, List<FormRule> rules, List<FormPrint> prints) {
        this(key, label, icon, titleField, codePattern, fields, searchFields, listColumns, filters, defaultSort,
                sections, selectableStatuses, rules, prints, FormBin.DEFAULT);
    }

    public Form(String key, Message label, String icon, String titleField, String codePattern, List<Field> fields,
                List<String> searchFields, List<String> listColumns, List<String> filters, String defaultSort,
                List<Section> sections, List<String> selectableStatuses, List<FormRule> rules, List<FormPrint> prints,
                FormBin bin) {
        this(key, label, icon, titleField, codePattern, fields, searchFields, listColumns, filters, defaultSort,
                sections, selectableStatuses, rules, prints, bin, CrossRecords.NONE);
    }

    public Form(String key, Message label, String icon, String titleField, String codePattern, List<Field> fields,
                List<String> searchFields, List<String> listColumns, List<String> filters, String defaultSort,
                List<Section> sections, List<String> selectableStatuses, List<FormRule> rules, List<FormPrint> prints,
                FormBin bin, CrossRecords crossRecords) {
        this.crossRecords = crossRecords == null ? CrossRecords.NONE : crossRecords;
        this.bin = bin == null ? FormBin.DEFAULT : bin;
        this.prints = List.copyOf(prints);
        this.selectableStatuses = List.copyOf(selectableStatuses);
        this.rules = List.copyOf(rules);
        this.key = key;
        this.label = label;
        this.icon = icon;
        this.titleField = titleField;
        this.codePattern = codePattern;
        this.fields = List.copyOf(fields);
        this.fields.forEach(f -> byKey.put(f.key(), f));
        this.searchFields = List.copyOf(searchFields);
        this.listColumns = List.copyOf(listColumns);
        this.filters = List.copyOf(filters);
        this.defaultSort = defaultSort;
        this.sections = List.copyOf(sections);
    }

    /** Ranges that may not overlap, progress on other forms, a day's summary (see {@link CrossRecords}). */
    public CrossRecords crossRecords() {
        return crossRecords;
    }

    /** The recycle bin's settings: the status a restored record gets, when a deleted one may be purged. */
    public FormBin bin() {
        return bin;
    }

    public String key() {
        return key;
    }

    public Message label() {
        return label;
    }

    public String icon() {
        return icon;
    }

    public String titleField() {
        return titleField;
    }

    public String codePattern() {
        return codePattern;
    }

    public List<Field> fields() {
        return fields;
    }

    public Optional<Field> field(String fieldKey) {
        return Optional.ofNullable(byKey.get(fieldKey));
    }

    public boolean hasField(String fieldKey) {
        return byKey.containsKey(fieldKey);
    }

    public List<Field> tableFields() {
        return fields.stream().filter(Field::isTable).toList();
    }

    public List<String> searchFields() {
        return searchFields;
    }

    public List<String> listColumns() {
        return listColumns;
    }

    public List<String> filters() {
        return filters;
    }

    public String defaultSort() {
        return defaultSort;
    }

    public List<Section> sections() {
        return sections;
    }

    /**
     * The statuses a record must have for another form to choose it in a reference field
     * (a customer not yet approved cannot be picked for a visit); empty when any will do.
     */
    public List<String> selectableStatuses() {
        return selectableStatuses;
    }

    /** Rules over several fields, checked on every write (see {@link FormRule}). */
    public List<FormRule> rules() {
        return rules;
    }

    /** The documents a record of this form prints as, in the order the metadata lists them. */
    public List<FormPrint> prints() {
        return prints;
    }

    public Optional<FormPrint> print(String printKey) {
        return prints.stream().filter(p -> p.key().equals(printKey)).findFirst();
    }

    /** The status field when the form declares one, for status tabs. */
    public Optional<Field> statusField() {
        return field("status").filter(f -> !f.options().isEmpty());
    }
}
