package dev.formation.store;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Uploaded files' ids: 128 random bits as 32 lower-case hex characters, unguessable and safe as a file name. */
public final class FileIds {

    private static final Pattern ID = Pattern.compile("^[a-f0-9]{32}$");
    private static final SecureRandom RANDOM = new SecureRandom();

    private FileIds() {
    }

    public static String next() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    public static boolean isValid(String id) {
        return id != null && ID.matcher(id).matches();
    }

    static String require(String id) {
        if (!isValid(id)) {
            throw new IllegalArgumentException("not a file id");
        }
        return id;
    }
}
