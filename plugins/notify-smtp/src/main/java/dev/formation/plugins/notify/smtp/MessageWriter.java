package dev.formation.plugins.notify.smtp;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Turns a notification into the text of an RFC 5322 message. Everything it writes is 7-bit
 * ASCII in lines of at most 76 characters, so no relay has to convert or re-wrap it: headers
 * that need more than ASCII become encoded words, and the body is base64.
 */
final class MessageWriter {

    static final String CRLF = "\r\n";
    /** RFC 2047 limits lines holding encoded words to 76; the same limit keeps every header tidy. */
    static final int MAX_LINE = 76;
    /** Past this an ASCII token could not be folded under RFC 5322's hard limit of 998. */
    private static final int MAX_PLAIN_TOKEN = 900;

    /** A display name made of atoms and single spaces can be written without quotes. */
    private static final String ATEXT = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
    private static final Pattern ATOMS = Pattern.compile(ATEXT + "( " + ATEXT + ")*");
    private static final DateTimeFormatter RFC_5322_DATE =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.US);

    private final Mailbox from;
    private final Clock clock;

    MessageWriter(Mailbox from, Clock clock) {
        this.from = from;
        this.clock = clock;
    }

    /**
     * The message with CRLF line endings, ending in CRLF; the caller has already checked that
     * {@code subject} holds no line break.
     *
     * @param link appended on its own line after a blank line, unless null
     */
    String write(Mailbox to, String subject, String body, String link) {
        StringBuilder out = new StringBuilder(256 + body.length() * 2);
        out.append("Date: ").append(RFC_5322_DATE.format(ZonedDateTime.now(clock))).append(CRLF);
        out.append(fold("From", mailbox(from)));
        out.append(fold("To", mailbox(to)));
        out.append(fold("Subject", unstructured("Subject", subject)));
        out.append("Message-ID: <").append(UUID.randomUUID()).append('@').append(from.domain()).append('>')
                .append(CRLF);
        out.append("MIME-Version: 1.0").append(CRLF);
        out.append("Content-Type: text/plain; charset=UTF-8").append(CRLF);
        out.append("Content-Transfer-Encoding: base64").append(CRLF);
        out.append(CRLF);
        byte[] text = bodyText(body, link).getBytes(StandardCharsets.UTF_8);
        if (text.length > 0) {
            // the MIME encoder already breaks lines at 76 characters with CRLF
            out.append(Base64.getMimeEncoder().encodeToString(text)).append(CRLF);
        }
        return out.toString();
    }

    /** The body with the engine's {@code \n} lines turned into CRLF, and the link under it. */
    static String bodyText(String body, String link) {
        String text = body.replace("\r\n", "\n").replace('\r', '\n');
        if (link != null) {
            int end = text.length();
            while (end > 0 && text.charAt(end - 1) == '\n') {
                end--;
            }
            text = text.substring(0, end) + (end > 0 ? "\n\n" : "") + link.strip() + "\n";
        }
        return text.replace("\n", CRLF);
    }

    /**
     * Tokens of a header value, split where folding is allowed. Plain ASCII is split at its
     * spaces (folding there unfolds back to the same text); anything else becomes encoded words.
     */
    private static List<String> unstructured(String name, String text) {
        if (!EncodedWords.needed(text)) {
            List<String> tokens = Arrays.asList(text.split(" ", -1));
            if (tokens.stream().allMatch(t -> t.length() <= MAX_PLAIN_TOKEN)) {
                return tokens;
            }
        }
        return EncodedWords.encode(text, firstRoom(name));
    }

    /** {@code Name <address>}, with the name quoted or encoded as it needs. */
    private static List<String> mailbox(Mailbox mailbox) {
        String name = mailbox.displayName();
        if (name == null) {
            return List.of(mailbox.address());
        }
        List<String> tokens = new ArrayList<>();
        if (EncodedWords.needed(name)) {
            // room as on a From line, the longer of the two headers that hold a mailbox
            tokens.addAll(EncodedWords.encode(name, firstRoom("From")));
        } else if (ATOMS.matcher(name).matches() && name.length() <= MAX_PLAIN_TOKEN) {
            tokens.addAll(Arrays.asList(name.split(" ")));
        } else if (name.length() <= MAX_PLAIN_TOKEN) {
            tokens.add('"' + name.replace("\\", "\\\\").replace("\"", "\\\"") + '"');
        } else {
            tokens.addAll(EncodedWords.encode(name, firstRoom("From")));
        }
        tokens.add('<' + mailbox.address() + '>');
        return tokens;
    }

    /** Room for the first token on the header's first line, after {@code "Name: "}. */
    private static int firstRoom(String headerName) {
        return MAX_LINE - headerName.length() - 2;
    }

    /**
     * Joins tokens with single spaces, breaking the line before a token that would pass
     * {@link #MAX_LINE}; the break is CRLF plus the space, so unfolding gives the same text.
     */
    static String fold(String name, List<String> tokens) {
        StringBuilder out = new StringBuilder();
        StringBuilder line = new StringBuilder(name).append(':');
        boolean lineHasToken = false;
        for (String token : tokens) {
            if (lineHasToken && line.length() + 1 + token.length() > MAX_LINE) {
                out.append(line).append(CRLF);
                line.setLength(0);
            }
            line.append(' ').append(token);
            lineHasToken = true;
        }
        return out.append(line).append(CRLF).toString();
    }
}
