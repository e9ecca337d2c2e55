package dev.formation.web.export;

import dev.formation.form.Field;

/** A column of an exported sheet: the key it reads, its header in the viewer's language, its field (null: a platform column). */
record ExportColumn(String key, String label, Field field) {
}
