package dev.formation.plugin.api;

import java.util.List;

/**
 * A registry file a {@link CompanyLookupFactory} cannot read: each problem names the row (1 is
 * the header row, as a spreadsheet numbers it; 0 for the file as a whole) and the column (the
 * header's text, or {@code null}), with the reason in the user's languages.
 */
public class CompanyRegistryException extends Exception {

    /** One problem of the file. */
    public record Problem(int row, String column, Message message) {
    }

    private final transient List<Problem> problems;

    public CompanyRegistryException(List<Problem> problems) {
        super(problems.isEmpty() ? "unreadable registry file" : problems.get(0).message().toString());
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
