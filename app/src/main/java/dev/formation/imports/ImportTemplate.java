package dev.formation.imports;

import dev.formation.form.Field;
import dev.formation.form.FieldType;
import dev.formation.form.Form;
import dev.formation.form.Option;
import dev.formation.i18n.Texts;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.DataValidationHelper;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddressList;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The workbook a person fills in to import records of a form: the main sheet with a column per
 * importable field (required ones marked {@code *} and shaded), a sheet per sub-table whose first
 * column names the main sheet's row, drop-down lists for options and yes/no (from a hidden sheet,
 * so long lists work too), every column as text so codes keep their leading zeros, and a sheet
 * explaining each column: what it holds, whether it is required, the values it takes.
 */
final class ImportTemplate {

    /** Rows the drop-downs cover: as many as an XLSX sheet holds. */
    private static final int LAST_ROW = 1_048_575;

    private final Form form;
    private final ImportLayout layout;
    private final Locale locale;
    private final XSSFWorkbook book = new XSSFWorkbook();
    private final CellStyle header;
    private final CellStyle required;
    private final CellStyle text;
    private Sheet lists;
    private int listColumn;

    ImportTemplate(Form form, ImportLayout layout, Locale locale) {
        this.form = form;
        this.layout = layout;
        this.locale = locale;
        text = book.createCellStyle();
        text.setDataFormat(book.createDataFormat().getFormat("@"));
        Font bold = book.createFont();
        bold.setBold(true);
        header = book.createCellStyle();
        header.cloneStyleFrom(text);
        header.setFont(bold);
        required = book.createCellStyle();
        required.cloneStyleFrom(header);
        required.setFillForegroundColor(IndexedColors.LIGHT_YELLOW.getIndex());
        required.setFillPattern(FillPatternType.SOLID_FOREGROUND);
    }

    byte[] bytes() {
        Sheet main = book.createSheet(WorkbookUtil.createSafeSheetName(form.label().in(locale)));
        columns(main, List.of(), layout.fields());
        for (Field table : layout.tables()) {
            Sheet sheet = book.createSheet(WorkbookUtil.createSafeSheetName(table.label().in(locale)));
            columns(sheet, List.of(ImportLayout.parentRowHeader(form, locale)), ImportLayout.importable(table.children()));
        }
        explanations();
        if (lists != null) {
            book.setSheetHidden(book.getSheetIndex(lists), true);
        }
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            book.write(out);
            book.close();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void columns(Sheet sheet, List<String> leading, List<Field> fields) {
        Row row = sheet.createRow(0);
        int c = 0;
        for (String name : leading) {
            cell(row, c, name, required);
            sheet.setColumnWidth(c++, 16 * 256);
        }
        for (Field field : fields) {
            cell(row, c, ImportLayout.header(field, locale), field.required() ? required : header);
            sheet.setDefaultColumnStyle(c, text);
            sheet.setColumnWidth(c, Math.min(60, Math.max(12, width(field.label().in(locale)) + 4)) * 256);
            List<String> choices = choices(field);
            if (!choices.isEmpty()) {
                dropDown(sheet, c, choices);
            }
            c++;
        }
        sheet.createFreezePane(0, 1);
    }

    private List<String> choices(Field field) {
        if (field.valueType() == FieldType.SELECT) {
            return field.options().stream().map(o -> o.label().in(locale)).toList();
        }
        if (field.valueType() == FieldType.BOOLEAN) {
            return List.of(Texts.get(locale, "page.yes"), Texts.get(locale, "page.no"));
        }
        return List.of();
    }

    /** A drop-down over the column, its values on the hidden lists sheet. */
    private void dropDown(Sheet sheet, int column, List<String> choices) {
        if (lists == null) {
            lists = book.createSheet("_lists");
        }
        for (int r = 0; r < choices.size(); r++) {
            Row row = lists.getRow(r) == null ? lists.createRow(r) : lists.getRow(r);
            row.createCell(listColumn).setCellValue(choices.get(r));
        }
        String letter = CellReference.convertNumToColString(listColumn);
        String range = "'_lists'!$" + letter + "$1:$" + letter + "$" + choices.size();
        listColumn++;
        DataValidationHelper helper = sheet.getDataValidationHelper();
        DataValidation validation = helper.createValidation(helper.createFormulaListConstraint(range),
                new CellRangeAddressList(1, LAST_ROW, column, column));
        validation.setShowErrorBox(true);
        validation.setErrorStyle(DataValidation.ErrorStyle.STOP);
        validation.createErrorBox(Texts.get(locale, "import.template.invalidTitle"),
                Texts.get(locale, "import.template.invalidText"));
        sheet.addValidationData(validation);
    }

    /** The sheet explaining each column of each sheet. */
    private void explanations() {
        Sheet sheet = book.createSheet(WorkbookUtil.createSafeSheetName(Texts.get(locale, "import.template.help")));
        Row head = sheet.createRow(0);
        String[] titles = {"sheet", "column", "required", "type", "values"};
        for (int c = 0; c < titles.length; c++) {
            cell(head, c, Texts.get(locale, "import.template.help." + titles[c]), header);
        }
        int[] widths = {14, 24, 8, 16, 80};
        for (int c = 0; c < widths.length; c++) {
            sheet.setColumnWidth(c, widths[c] * 256);
        }
        List<String[]> lines = new ArrayList<>();
        String mainName = form.label().in(locale);
        for (Field field : layout.fields()) {
            lines.add(line(mainName, field));
        }
        for (Field table : layout.tables()) {
            String name = table.label().in(locale);
            lines.add(new String[]{name, ImportLayout.parentRowHeader(form, locale), Texts.get(locale, "page.yes"),
                    Texts.get(locale, "import.template.type.row"),
                    Texts.get(locale, "import.template.values.parentRow", mainName)});
            for (Field child : ImportLayout.importable(table.children())) {
                lines.add(line(name, child));
            }
        }
        for (int r = 0; r < lines.size(); r++) {
            Row row = sheet.createRow(r + 1);
            for (int c = 0; c < lines.get(r).length; c++) {
                cell(row, c, lines.get(r)[c], text);
            }
        }
        sheet.createFreezePane(0, 1);
    }

    private String[] line(String sheet, Field field) {
        return new String[]{sheet, field.label().in(locale),
                Texts.get(locale, field.required() ? "page.yes" : "page.no"),
                Texts.get(locale, "field.type." + field.valueType().metadataName()), values(field)};
    }

    private String values(Field field) {
        List<String> parts = new ArrayList<>();
        switch (field.valueType()) {
            case SELECT, MULTISELECT -> parts.add(String.join("、", field.options().stream()
                    .map(Option::label).map(l -> l.in(locale)).toList()));
            case DATE -> parts.add(Texts.get(locale, "import.template.values.date"));
            case DATETIME -> parts.add(Texts.get(locale, "import.template.values.dateTime"));
            case USER -> parts.add(Texts.get(locale, "import.template.values.user"));
            case DEPARTMENT -> parts.add(Texts.get(locale, "import.template.values.department"));
            case REFERENCE -> parts.add(Texts.get(locale, "import.template.values.reference"));
            case BOOLEAN -> parts.add(Texts.get(locale, "page.yes") + "、" + Texts.get(locale, "page.no"));
            default -> {
                if (field.maxLength() != null) {
                    parts.add(Texts.get(locale, "import.template.values.maxLength", field.maxLength()));
                }
            }
        }
        if (field.valueType() == FieldType.MULTISELECT) {
            parts.add(Texts.get(locale, "import.template.values.several"));
        }
        if (field.unique()) {
            parts.add(Texts.get(locale, "import.template.values.unique"));
        }
        if (field.help() != null && !field.help().in(locale).isBlank()) {
            parts.add(field.help().in(locale));
        }
        return String.join("; ", parts);
    }

    private static void cell(Row row, int column, String value, CellStyle style) {
        var cell = row.createCell(column);
        cell.setCellStyle(style);
        cell.setCellValue(value);
    }

    private static int width(String text) {
        return text.codePoints().map(cp -> cp > 0x2E80 ? 2 : 1).sum();
    }
}
