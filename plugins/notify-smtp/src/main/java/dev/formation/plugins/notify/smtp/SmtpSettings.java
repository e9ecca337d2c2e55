package dev.formation.plugins.notify.smtp;

import java.net.InetAddress;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The settings under {@code formation.notifiers.smtp}, parsed once. Every error names the full
 * setting, because that is what an administrator greps for in the configuration.
 *
 * @param host      the relay's host name or address
 * @param port      the relay's port (25 unless set; 587 is the usual submission port)
 * @param from      the sender, both in the envelope and in the From header
 * @param username  null when the relay takes mail without AUTH
 * @param password  null exactly when {@code username} is
 * @param startTls  whether to upgrade the connection with STARTTLS before AUTH and the message
 * @param timeoutMs how long to wait for the connection and for each reply
 * @param helo      the name this host gives in EHLO/HELO
 */
record SmtpSettings(String host, int port, Mailbox from, String username, String password, boolean startTls,
                    int timeoutMs, String helo) {

    static final String PREFIX = "formation.notifiers." + SmtpNotifierFactory.ID + ".";
    static final int DEFAULT_PORT = 25;
    static final int DEFAULT_TIMEOUT_MS = 10_000;

    /** Empty when no host is set: e-mail stays off until someone configures a relay. */
    static Optional<SmtpSettings> parse(Map<String, String> settings) {
        Map<String, String> s = settings == null ? Map.of() : settings;
        String host = blankToNull(s.get("host"));
        if (host == null) {
            return Optional.empty();
        }
        if (!host.matches("[A-Za-z0-9.:\\[\\]_-]+")) {
            throw invalid("host", "must be a host name or an address");
        }
        int port = integer(s, "port", DEFAULT_PORT, 1, 65_535);
        String fromText = blankToNull(s.get("from"));
        if (fromText == null) {
            throw invalid("from", "is required when " + PREFIX + "host is set");
        }
        Mailbox from;
        try {
            from = Mailbox.parse(fromText);
        } catch (IllegalArgumentException e) {
            throw invalid("from", e.getMessage());
        }
        String username = blankToNull(s.get("username"));
        String password = emptyToNull(s.get("password"));
        if (username != null && password == null) {
            throw invalid("password", "is required when " + PREFIX + "username is set");
        }
        if (username == null && password != null) {
            throw invalid("username", "is required when " + PREFIX + "password is set");
        }
        // AUTH PLAIN separates the two with NUL, so one inside either would shift the fields
        noNul("username", username);
        noNul("password", password);
        boolean startTls = bool(s, "starttls");
        int timeoutMs = integer(s, "timeout-ms", DEFAULT_TIMEOUT_MS, 1, Integer.MAX_VALUE);
        String helo = blankToNull(s.get("helo"));
        if (helo == null) {
            helo = localHostName();
        } else if (!helo.matches("[A-Za-z0-9.:\\[\\]_-]+")) {
            throw invalid("helo", "must be a host name or an address literal");
        }
        return Optional.of(new SmtpSettings(host, port, from, username, password, startTls, timeoutMs, helo));
    }

    /** Keeps the password out of logs and exception messages that print the settings. */
    @Override
    public String toString() {
        return "SmtpSettings[host=" + host + ", port=" + port + ", from=" + from + ", username=" + username
                + ", password=" + (password == null ? null : "***") + ", startTls=" + startTls
                + ", timeoutMs=" + timeoutMs + ", helo=" + helo + "]";
    }

    private static int integer(Map<String, String> s, String key, int defaultValue, int min, int max) {
        String text = blankToNull(s.get(key));
        if (text == null) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below, with the setting's name
        }
        throw invalid(key, "must be a whole number from " + min + " to " + max + ", not '" + text + "'");
    }

    private static boolean bool(Map<String, String> s, String key) {
        String text = blankToNull(s.get(key));
        if (text == null) {
            return false;
        }
        switch (text.toLowerCase(Locale.ROOT)) {
            case "true":
                return true;
            case "false":
                return false;
            default:
                throw invalid(key, "must be true or false, not '" + text + "'");
        }
    }

    private static void noNul(String key, String value) {
        if (value != null && value.indexOf('\0') >= 0) {
            throw invalid(key, "must not contain a NUL character");
        }
    }

    /**
     * Servers log and sometimes check the EHLO name; a name that is not a valid domain would be
     * refused by strict ones, so anything odd falls back to a fixed word.
     */
    private static String localHostName() {
        try {
            String name = InetAddress.getLocalHost().getHostName();
            if (name != null && name.matches("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?")) {
                return name;
            }
        } catch (Exception e) {
            // no resolvable local name; use the fixed one
        }
        return "formation";
    }

    private static IllegalArgumentException invalid(String key, String problem) {
        return new IllegalArgumentException(PREFIX + key + " " + problem);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** Passwords keep their spaces; only an empty one counts as unset. */
    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
