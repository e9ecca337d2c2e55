package dev.formation.plugins.notify.smtp;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One server reply, which may span lines ({@code 250-first}, ..., {@code 250 last}). Read byte
 * by byte from the caller's buffered stream so that nothing past the reply is consumed: after
 * {@code 220} to STARTTLS the next bytes belong to the TLS handshake.
 *
 * @param code  the three-digit code, the same on every line
 * @param lines the text of each line after the code and separator
 */
record SmtpReply(int code, List<String> lines) {

    /** RFC 5321 allows 512; servers sending more are broken or hostile, so stop reading. */
    private static final int MAX_LINE = 4096;
    private static final int MAX_LINES = 1000;

    SmtpReply {
        lines = List.copyOf(lines);
    }

    /**
     * @throws MalformedReplyException when the server does not speak SMTP (e.g. an HTTP or TLS
     *                                 port), or the lines disagree on the code
     * @throws EOFException             when the server closed the connection
     */
    static SmtpReply read(InputStream in) throws IOException {
        List<String> lines = new ArrayList<>();
        int code = -1;
        while (true) {
            String line = readLine(in);
            if (line.length() < 3 || !isDigits(line.substring(0, 3))
                    || line.length() > 3 && line.charAt(3) != ' ' && line.charAt(3) != '-') {
                throw new MalformedReplyException(printable(line));
            }
            int lineCode = Integer.parseInt(line.substring(0, 3));
            if (code >= 0 && lineCode != code) {
                throw new MalformedReplyException(printable(line));
            }
            code = lineCode;
            lines.add(line.length() > 4 ? printable(line.substring(4)) : "");
            boolean last = line.length() == 3 || line.charAt(3) == ' ';
            if (last) {
                return new SmtpReply(code, lines);
            }
            if (lines.size() >= MAX_LINES) {
                throw new MalformedReplyException("more than " + MAX_LINES + " lines");
            }
        }
    }

    /** A 5xx: asking again in the same way will not help. */
    boolean permanentFailure() {
        return code >= 500 && code < 600;
    }

    /** The reply as the server wrote it, lines joined by spaces, for messages and logs. */
    @Override
    public String toString() {
        return code + " " + String.join(" ", lines);
    }

    /** The same reply with every occurrence of the given secrets replaced by {@code ***}. */
    SmtpReply redact(String... secrets) {
        List<String> clean = new ArrayList<>(lines.size());
        for (String line : lines) {
            for (String secret : secrets) {
                if (secret != null && !secret.isEmpty()) {
                    line = line.replace(secret, "***");
                }
            }
            clean.add(line);
        }
        return new SmtpReply(code, clean);
    }

    private static String readLine(InputStream in) throws IOException {
        byte[] buffer = new byte[128];
        int length = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed by the server");
            }
            if (b == '\n') {
                if (length > 0 && buffer[length - 1] == '\r') {
                    length--;
                }
                return new String(buffer, 0, length, StandardCharsets.UTF_8);
            }
            if (length == MAX_LINE) {
                throw new MalformedReplyException("a line longer than " + MAX_LINE + " bytes");
            }
            if (length == buffer.length) {
                buffer = Arrays.copyOf(buffer, buffer.length * 2);
            }
            buffer[length++] = (byte) b;
        }
    }

    private static boolean isDigits(String s) {
        return s.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** Control characters from the server must not reach a log line as they are. */
    private static String printable(String s) {
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return out.length() > 200 ? out.substring(0, 200) + "..." : out.toString();
    }

    /** The peer answered something that is not an SMTP reply. */
    static final class MalformedReplyException extends IOException {
        private static final long serialVersionUID = 1L;

        MalformedReplyException(String what) {
            super("not an SMTP reply: " + what);
        }
    }
}
