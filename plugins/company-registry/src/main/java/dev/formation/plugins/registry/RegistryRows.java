package dev.formation.plugins.registry;

import dev.formation.plugin.api.CompanyCandidate;
import dev.formation.plugin.api.CompanyRegistryException.Problem;
import dev.formation.plugin.api.Message;
import dev.formation.plugins.uscc.UsccFormat;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a file's rows of text (the header first) into companies, collecting every problem with
 * its row and column: the format readers only produce text, so CSV and XLSX are checked alike.
 */
final class RegistryRows {

    private static final UsccFormat USCC = new UsccFormat();
    /** A GB/T 4754 code at the start of the industry text: the section letter, then up to four digits. */
    private static final Pattern INDUSTRY_CODE = Pattern.compile("^([A-T][0-9]{0,4})(?![A-Za-z])");
    /** Strict: 2001-02-30 is refused, not moved to the end of February. */
    private static final List<DateTimeFormatter> DATES = java.util.stream.Stream.of("uuuu-M-d", "uuuu/M/d",
            "uuuu年M月d日", "uuuu.M.d").map(p -> DateTimeFormatter.ofPattern(p).withResolverStyle(ResolverStyle.STRICT))
            .toList();

    private final Map<Column, Integer> columns = new EnumMap<>(Column.class);
    private final List<String> headers = new ArrayList<>();
    private final List<CompanyCandidate> companies = new ArrayList<>();
    private final List<Problem> problems = new ArrayList<>();
    private final Map<String, Integer> codes = new HashMap<>();
    private int row;

    /** The next row of the file, numbered from 1 (the header) as a spreadsheet shows it. */
    void add(List<String> cells) {
        row++;
        if (row == 1) {
            header(cells);
            return;
        }
        if (cells.stream().allMatch(c -> c == null || c.isBlank())) {
            return;
        }
        String name = cell(cells, Column.NAME);
        if (name == null) {
            problem(Column.NAME, Message.of("企业名称不能为空", "The company name is required"));
        }
        String code = cell(cells, Column.CREDIT_CODE);
        if (code != null) {
            Optional<Message> wrong = USCC.check(code);
            if (wrong.isPresent()) {
                problem(Column.CREDIT_CODE, wrong.get());
            } else if (codes.putIfAbsent(code, row) != null) {
                int first = codes.get(code);
                problem(Column.CREDIT_CODE, Message.of("统一社会信用代码与第" + first + "行重复",
                        "The credit code is the same as in row " + first));
            }
        }
        LocalDate founded = date(cell(cells, Column.FOUNDED_ON));
        String industry = cell(cells, Column.INDUSTRY);
        if (name != null) {
            companies.add(new CompanyCandidate(name, code, cell(cells, Column.LEGAL_REPRESENTATIVE), founded,
                    industry, industryCode(industry), cell(cells, Column.ADDRESS), cell(cells, Column.STATUS)));
        }
    }

    /** The companies read, or every problem found. */
    List<CompanyCandidate> companies() throws dev.formation.plugin.api.CompanyRegistryException {
        if (row == 0) {
            problems.add(new Problem(0, null, Message.of("文件是空的", "The file is empty")));
        } else if (problems.isEmpty() && companies.isEmpty()) {
            problems.add(new Problem(0, null, Message.of("文件中没有企业", "The file lists no company")));
        }
        if (!problems.isEmpty()) {
            throw new dev.formation.plugin.api.CompanyRegistryException(problems);
        }
        return companies;
    }

    private void header(List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            headers.add(cells.get(i));
            int index = i;
            Column.of(cells.get(i)).ifPresent(c -> columns.putIfAbsent(c, index));
        }
        if (!columns.containsKey(Column.NAME)) {
            problems.add(new Problem(1, Column.NAME.header(), Message.of(
                    "第一行须为表头，并有“企业名称”一列",
                    "The first row must be the header, with a column 企业名称 (name)")));
        }
    }

    private String cell(List<String> cells, Column column) {
        Integer i = columns.get(column);
        if (i == null || i >= cells.size() || cells.get(i) == null) {
            return null;
        }
        String v = cells.get(i).strip();
        return v.isEmpty() ? null : v;
    }

    private LocalDate date(String text) {
        if (text == null) {
            return null;
        }
        for (DateTimeFormatter f : DATES) {
            try {
                return LocalDate.parse(text, f);
            } catch (DateTimeParseException e) {
                // the next spelling may fit; the problem is reported once none does
            }
        }
        problem(Column.FOUNDED_ON, Message.of("成立日期“" + text + "”无法识别，应为 2003-02-28 这样的日期",
                "The founding date '" + text + "' is not a date such as 2003-02-28"));
        return null;
    }

    private static String industryCode(String industry) {
        if (industry == null) {
            return null;
        }
        Matcher m = INDUSTRY_CODE.matcher(industry);
        return m.find() ? m.group(1) : null;
    }

    private void problem(Column column, Message message) {
        Integer i = columns.get(column);
        problems.add(new Problem(row, i == null ? column.header() : headers.get(i), message));
    }
}
