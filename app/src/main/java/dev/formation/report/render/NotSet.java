package dev.formation.report.render;

import java.util.Objects;

/**
 * The value of a group whose key is empty (a record without the field): a group of its own,
 * shown by its label ("未填写", "Not set") in every format, whatever the column's type, so a
 * money or date column may hold it too. A value of its own class, not a string, so that a
 * real text in a number column is still the error it is.
 */
public record NotSet(String label) {

    public NotSet {
        Objects.requireNonNull(label, "label");
    }

    @Override
    public String toString() {
        return label;
    }
}
