package dev.formation.form;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An auto-number pattern such as {@code YAV-{yyyyMMdd}-{seq:3}}: literal text, date parts
 * and one sequence. The sequence restarts whenever the text before it changes (a new day
 * for a daily pattern), so the counter is kept per "period key".
 */
public final class NumberPattern {

    private static final Pattern TOKEN = Pattern.compile("\\{([^}]*)}");
    private static final Pattern SEQ = Pattern.compile("seq(?::(\\d))?");
    private static final Pattern DATE = Pattern.compile("[yMdHm]+");

    private sealed interface Part permits Literal, DatePart, Seq {
    }

    private record Literal(String text) implements Part {
    }

    private record DatePart(DateTimeFormatter format) implements Part {
    }

    private record Seq(int width) implements Part {
    }

    private final List<Part> parts;

    private NumberPattern(List<Part> parts) {
        this.parts = parts;
    }

    public static NumberPattern parse(String pattern) {
        List<Part> parts = new ArrayList<>();
        Matcher m = TOKEN.matcher(pattern);
        int last = 0;
        int seqCount = 0;
        while (m.find()) {
            if (m.start() > last) {
                parts.add(new Literal(pattern.substring(last, m.start())));
            }
            String token = m.group(1);
            Matcher seq = SEQ.matcher(token);
            if (seq.matches()) {
                seqCount++;
                parts.add(new Seq(seq.group(1) == null ? 4 : Integer.parseInt(seq.group(1))));
            } else if (DATE.matcher(token).matches()) {
                parts.add(new DatePart(DateTimeFormatter.ofPattern(token)));
            } else {
                throw new IllegalArgumentException("unknown part {" + token + "} in number pattern '" + pattern
                        + "'; use date parts like {yyyyMMdd} and one {seq} or {seq:4}");
            }
            last = m.end();
        }
        if (last < pattern.length()) {
            parts.add(new Literal(pattern.substring(last)));
        }
        if (seqCount != 1) {
            throw new IllegalArgumentException("a number pattern needs exactly one {seq}: '" + pattern + "'");
        }
        return new NumberPattern(parts);
    }

    /** The text before and after the sequence at a moment; the counter restarts when it changes. */
    public String periodKey(LocalDateTime at) {
        StringBuilder key = new StringBuilder();
        for (Part part : parts) {
            if (part instanceof Seq) {
                key.append('#');
            } else {
                key.append(render(part, at, 0));
            }
        }
        return key.toString();
    }

    public String format(LocalDateTime at, long sequence) {
        StringBuilder out = new StringBuilder();
        for (Part part : parts) {
            out.append(render(part, at, sequence));
        }
        return out.toString();
    }

    private static String render(Part part, LocalDateTime at, long sequence) {
        if (part instanceof Literal l) {
            return l.text();
        }
        if (part instanceof DatePart d) {
            return d.format().format(at);
        }
        String digits = Long.toString(sequence);
        int width = ((Seq) part).width();
        return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
    }
}
