package dev.formation.architecture;

import java.util.regex.Pattern;

/**
 * A source or resource file's text without its comments (comments may say what the CRM is; code,
 * string constants and texts may not). Comments become blanks and keep their line breaks, so a
 * finding's line number is the file's.
 */
final class SourceText {

    private static final Pattern MARKUP_COMMENT = Pattern.compile("<#--.*?-->|<!--.*?-->", Pattern.DOTALL);
    private static final Pattern HASH_LINE = Pattern.compile("(?m)^\\s*#.*$");
    private static final Pattern YAML_COMMENT = Pattern.compile("(?m)(^|\\s)#.*$");
    private static final Pattern SQL_COMMENT = Pattern.compile("(?m)--.*$");

    private SourceText() {
    }

    /** {@code text} of a file named {@code name} with its comments blanked; unknown kinds stay whole. */
    static String withoutComments(String name, String text) {
        String extension = name.substring(name.lastIndexOf('.') + 1);
        return switch (extension) {
            case "java", "js", "css" -> withoutCStyleComments(text);
            case "properties" -> blank(HASH_LINE, text);
            case "yml", "yaml" -> blank(YAML_COMMENT, text);
            case "sql" -> blank(SQL_COMMENT, text);
            case "ftlh", "ftl", "html", "xml", "svg" -> blank(MARKUP_COMMENT, text);
            default -> text;
        };
    }

    private static String blank(Pattern comment, String text) {
        return comment.matcher(text).replaceAll(m -> m.group().replaceAll("[^\\n]", " "));
    }

    /** Drops {@code //} and {@code /* *}{@code /} comments, leaving strings, characters and text blocks as they are. */
    private static String withoutCStyleComments(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (text.startsWith("//", i)) {
                int end = text.indexOf('\n', i);
                i = end < 0 ? n : end;
            } else if (text.startsWith("/*", i)) {
                int end = text.indexOf("*/", i + 2);
                int stop = end < 0 ? n : end + 2;
                out.append(text.substring(i, stop).replaceAll("[^\\n]", " "));
                i = stop;
            } else if (text.startsWith("\"\"\"", i)) {
                int end = text.indexOf("\"\"\"", i + 3);
                int stop = end < 0 ? n : end + 3;
                out.append(text, i, stop);
                i = stop;
            } else if (c == '"' || c == '\'' || c == '`') {
                int j = i + 1;
                while (j < n && text.charAt(j) != c && text.charAt(j) != '\n') {
                    j += text.charAt(j) == '\\' ? 2 : 1;
                }
                int stop = Math.min(j + 1, n);
                out.append(text, i, stop);
                i = stop;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
