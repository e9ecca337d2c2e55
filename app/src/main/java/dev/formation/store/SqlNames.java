package dev.formation.store;

import dev.formation.form.Field;
import dev.formation.form.Form;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Table, column and index names. Keys are already lower_snake_case from the meta-schema;
 * this class re-checks them before quoting, so no identifier reaches SQL unchecked, and
 * keeps derived names within MySQL's 64-character limit.
 */
public final class SqlNames {

    private static final Pattern SAFE = Pattern.compile("^[a-z][a-z0-9_]{0,63}$");
    private static final int MAX = 64;

    private SqlNames() {
    }

    public static String q(String identifier) {
        if (!SAFE.matcher(identifier).matches()) {
            throw new IllegalArgumentException("unsafe SQL identifier: " + identifier);
        }
        return "`" + identifier + "`";
    }

    public static String table(Form form) {
        return bounded("f_" + form.key());
    }

    public static String childTable(Form form, Field table) {
        return bounded("f_" + form.key() + "__" + table.key());
    }

    public static String uniqueIndex(String table, String column) {
        return bounded("ux_" + table + "__" + column);
    }

    public static String index(String table, String column) {
        return bounded("ix_" + table + "__" + column);
    }

    /** Long names keep a readable head and a hash of the whole, so they stay unique. */
    static String bounded(String name) {
        if (name.length() <= MAX) {
            return name;
        }
        return name.substring(0, MAX - 9) + "_" + hash(name);
    }

    private static String hash(String name) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
