package dev.formation.store;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The upload's type from its first bytes, as the streamed upload sees them. */
class FileStoreSniffTest {

    @Test
    void chineseTextWhoseFirstWindowEndsInsideACharacterIsText() {
        // "客" is three bytes: 4095 ASCII bytes put the window's end inside it
        byte[] text = ("a".repeat(4095) + "客户拜访记录".repeat(100)).getBytes(StandardCharsets.UTF_8);
        assertEquals("text/plain", FileStore.sniff(text, false).orElseThrow()[0]);
        assertEquals("text/plain", FileStore.sniff(Arrays.copyOf(text, 4097), true).orElseThrow()[0],
                "the head of a longer upload");
    }

    @Test
    void invalidUtf8OrNulIsNotText() {
        byte[] latin1 = "caf\u00e9 ".repeat(10).getBytes(StandardCharsets.ISO_8859_1);
        assertTrue(FileStore.sniff(latin1, false).isEmpty());
        byte[] nul = {'a', 'b', 0, 'c'};
        assertTrue(FileStore.sniff(nul, false).isEmpty());
        assertTrue(FileStore.sniff(new byte[0], false).isEmpty());
    }

    @Test
    void aZipIsDecidedByItsPartsLater() {
        byte[] zip = {'P', 'K', 3, 4, 20, 0};
        assertEquals("application/zip", FileStore.sniff(zip, true).orElseThrow()[0]);
        assertEquals("image/png", FileStore.sniff(new byte[]{(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10}, true)
                .orElseThrow()[0]);
    }
}
