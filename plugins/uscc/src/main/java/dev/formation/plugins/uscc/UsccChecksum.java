package dev.formation.plugins.uscc;

/** The GB 32100-2015 alphabet and the modulo-31 check character computed over it. */
final class UsccChecksum {

    static final int LENGTH = 18;

    /** I, O, Z, S and V are left out by the standard because they are easily confused with digits. */
    static final String CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    /** {@link #CHARSET} as the body of a regular-expression character class. */
    static final String CHARSET_CLASS = "0-9A-HJ-NP-RTUW-Y";

    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    private UsccChecksum() {
    }

    static boolean inCharset(char c) {
        return CHARSET.indexOf(c) >= 0;
    }

    /**
     * The check character for the first 17 characters of {@code code}, which must all be in
     * {@link #CHARSET}.
     */
    static char checkCharacter(CharSequence code) {
        int sum = 0;
        for (int i = 0; i < WEIGHTS.length; i++) {
            sum += CHARSET.indexOf(code.charAt(i)) * WEIGHTS[i];
        }
        int check = 31 - sum % 31;
        return CHARSET.charAt(check == 31 ? 0 : check);
    }
}
