package dev.formation.plugins.notify.smtp;

import java.net.IDN;
import java.util.regex.Pattern;

/**
 * An address and an optional display name. Addresses are checked strictly and reduced to ASCII
 * (an internationalised domain becomes its {@code xn--} form) because the same string goes into
 * the envelope, where a relay without SMTPUTF8 would refuse anything else, and into a header,
 * where a stray {@code <}, {@code >} or line break could forge other headers.
 *
 * @param address     {@code local@domain}, ASCII only
 * @param displayName the person's name, or null
 */
record Mailbox(String address, String displayName) {

    /** RFC 5322 dot-atom text: the local parts that need no quoting. */
    private static final Pattern LOCAL_PART =
            Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
    private static final Pattern DOMAIN =
            Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*");

    Mailbox {
        address = checkAddress(address);
        if (displayName != null) {
            if (hasLineBreak(displayName)) {
                throw new IllegalArgumentException("the display name contains a line break");
            }
            displayName = displayName.isBlank() ? null : displayName.strip();
        }
    }

    /** Reads {@code Name <local@domain>}, {@code "Name" <local@domain>}, {@code <local@domain>} or a bare address. */
    static Mailbox parse(String text) {
        if (hasLineBreak(text)) {
            throw new IllegalArgumentException("contains a line break");
        }
        String s = text.strip();
        int open = s.lastIndexOf('<');
        if (open < 0) {
            return new Mailbox(s, null);
        }
        if (!s.endsWith(">")) {
            throw new IllegalArgumentException("must be 'Name <address>' or an address, not '" + text + "'");
        }
        String name = s.substring(0, open).strip();
        if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
            name = name.substring(1, name.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        return new Mailbox(s.substring(open + 1, s.length() - 1).strip(), name.isEmpty() ? null : name);
    }

    /** The domain, for building Message-IDs that are unique to the sender. */
    String domain() {
        return address.substring(address.lastIndexOf('@') + 1);
    }

    static boolean hasLineBreak(String text) {
        return text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0;
    }

    private static String checkAddress(String address) {
        if (address == null || address.isEmpty()) {
            throw new IllegalArgumentException("the address is empty");
        }
        if (hasLineBreak(address)) {
            throw new IllegalArgumentException("the address contains a line break");
        }
        int at = address.lastIndexOf('@');
        if (at <= 0 || at == address.length() - 1) {
            throw new IllegalArgumentException("'" + address + "' is not an e-mail address");
        }
        String local = address.substring(0, at);
        if (!LOCAL_PART.matcher(local).matches()) {
            throw new IllegalArgumentException("'" + address + "' is not an e-mail address this notifier can send to"
                    + " (the part before @ must be plain ASCII without spaces or quotes)");
        }
        String domain;
        try {
            domain = IDN.toASCII(address.substring(at + 1), IDN.ALLOW_UNASSIGNED);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + address + "' has an invalid domain");
        }
        if (!DOMAIN.matcher(domain).matches()) {
            throw new IllegalArgumentException("'" + address + "' has an invalid domain");
        }
        return local + "@" + domain;
    }

    @Override
    public String toString() {
        return displayName == null ? address : displayName + " <" + address + ">";
    }
}
