package dev.formation.form;

import java.util.Locale;

/** The field types a form may declare; the name in metadata is the lower-case constant name. */
public enum FieldType {
    TEXT, TEXTAREA, NUMBER, INTEGER, MONEY, PERCENT, DATE, DATETIME, BOOLEAN,
    SELECT, MULTISELECT, USER, DEPARTMENT, REFERENCE, TABLE, ATTACHMENT, IMAGE,
    PHONE, MOBILE, EMAIL, URL, REGION, ADDRESS, AUTONUMBER, COMPUTED, ROLLUP;

    public static FieldType of(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    public String metadataName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isNumeric() {
        return this == NUMBER || this == INTEGER || this == MONEY || this == PERCENT;
    }

    /** Types whose value is a list of uploaded file ids. */
    public boolean isFiles() {
        return this == ATTACHMENT || this == IMAGE;
    }

    /** Types the engine sets; a client never writes them. */
    public boolean isGenerated() {
        return this == AUTONUMBER || this == COMPUTED || this == ROLLUP;
    }
}
