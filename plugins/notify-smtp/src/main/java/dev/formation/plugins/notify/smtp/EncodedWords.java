package dev.formation.plugins.notify.smtp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * RFC 2047 encoded words ({@code =?UTF-8?B?...?=}), the only way to put Chinese into a header
 * that every relay and client accepts. Text is cut between characters, never inside one,
 * because a decoder turns each word into characters on its own and half a UTF-8 sequence
 * would come out as replacement characters.
 */
final class EncodedWords {

    /** RFC 2047: an encoded word is at most 75 characters. */
    static final int MAX_WORD = 75;

    private static final String PREFIX = "=?UTF-8?B?";
    private static final String SUFFIX = "?=";
    private static final int OVERHEAD = PREFIX.length() + SUFFIX.length();
    /** The longest character in UTF-8, so every word has room for at least one. */
    private static final int MAX_CHAR_BYTES = 4;

    private EncodedWords() {
    }

    /**
     * Whether the text cannot go into a header as it is: anything outside printable ASCII, and
     * also {@code =?}, which a client would otherwise try to decode.
     */
    static boolean needed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return true;
            }
        }
        return text.contains("=?");
    }

    /**
     * Encodes the text as words of at most {@code firstMax} characters for the first and
     * {@link #MAX_WORD} for the others; the caller separates them with folding white space,
     * which decoders drop between adjacent encoded words.
     */
    static List<String> encode(String text, int firstMax) {
        List<String> words = new ArrayList<>();
        byte[] pending = new byte[0];
        int max = bytesFitting(Math.min(firstMax, MAX_WORD));
        int[] codePoints = text.codePoints().toArray();
        for (int cp : codePoints) {
            byte[] bytes = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
            if (pending.length + bytes.length > max && pending.length > 0) {
                words.add(word(pending));
                pending = new byte[0];
                max = bytesFitting(MAX_WORD);
            }
            pending = concat(pending, bytes);
        }
        if (pending.length > 0 || words.isEmpty()) {
            words.add(word(pending));
        }
        return words;
    }

    /** Bytes whose base64 fits in a word of {@code wordLength} characters; never less than one character's worth. */
    private static int bytesFitting(int wordLength) {
        int base64Chars = wordLength - OVERHEAD;
        return Math.max(MAX_CHAR_BYTES, base64Chars / 4 * 3);
    }

    private static String word(byte[] bytes) {
        return PREFIX + Base64.getEncoder().encodeToString(bytes) + SUFFIX;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
