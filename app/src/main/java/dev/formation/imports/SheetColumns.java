package dev.formation.imports;

import dev.formation.form.Field;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * What a sheet's header row says: the field each column holds (null for a column the import
 * reads past), and the headers no field answers to.
 *
 * @param parentRowColumn a sub-table sheet's column naming the main sheet's row, else -1
 */
record SheetColumns(String sheet, List<Field> fields, List<String> unknown, int parentRowColumn) {

    static SheetColumns read(String sheet, List<String> headers, List<Field> candidates,
                             java.util.function.Predicate<String> isParentRow) {
        List<Field> fields = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        int parentRow = -1;
        for (int c = 0; c < headers.size(); c++) {
            String header = headers.get(c);
            Field field = null;
            if (header != null && !ImportLayout.isNote(header)) {
                if (parentRow < 0 && isParentRow.test(header)) {
                    parentRow = c;
                } else {
                    field = ImportLayout.match(header, candidates).orElse(null);
                    if (field == null) {
                        unknown.add(header);
                    } else if (fields.contains(field)) {
                        unknown.add(header); // the same field twice: which one would win is anyone's guess
                        field = null;
                    }
                }
            }
            fields.add(field);
        }
        return new SheetColumns(sheet, Collections.unmodifiableList(fields), List.copyOf(unknown), parentRow);
    }

    /** The column (0-based) holding {@code fieldKey}, or null. */
    Integer columnOf(String fieldKey) {
        for (int c = 0; c < fields.size(); c++) {
            if (fields.get(c) != null && fields.get(c).key().equals(fieldKey)) {
                return c;
            }
        }
        return null;
    }

    /** The cells of a row by field key (columns the import reads past left out). */
    Map<Field, String> cells(List<String> row) {
        Map<Field, String> out = new java.util.LinkedHashMap<>();
        for (int c = 0; c < fields.size(); c++) {
            if (fields.get(c) != null) {
                out.put(fields.get(c), c < row.size() ? row.get(c) : null);
            }
        }
        return out;
    }

    boolean isEmpty() {
        return fields.stream().allMatch(java.util.Objects::isNull);
    }
}
