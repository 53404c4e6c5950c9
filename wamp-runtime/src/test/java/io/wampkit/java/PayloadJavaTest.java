package io.wampkit.java;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Payloads built from and read as plain Java values. */
class PayloadJavaTest {
    @Test
    void buildsFromPlainJavaValuesAndReadsThemBack() {
        Payload p = Payload.withKwargs(
                List.of(2, 3L, 1.5, "x", true, new byte[] {1, 2}, List.of(1, "a"), Map.of("k", 7)),
                Map.of("name", "ada", "n", 42));
        assertEquals(2L, p.argLong(0));
        assertEquals(2, p.argInt(0));
        assertEquals(3L, p.arg(1));
        assertEquals(1.5, p.argDouble(2));
        assertEquals(2.0, p.argDouble(0), "an integer widens to double");
        assertEquals("x", p.argString(3));
        assertTrue(p.argBoolean(4));
        assertArrayEquals(new byte[] {1, 2}, p.arg(5, byte[].class));
        assertEquals(List.of(1L, "a"), p.arg(6, List.class));
        assertEquals(Map.of("k", 7L), p.arg(7));
        assertEquals("ada", p.kwarg("name"));
        assertEquals(42L, p.kwarg("n", Long.class));
        assertNull(p.kwarg("missing"));
        assertEquals(8, p.getArgs().size());
        assertEquals(Map.of("name", "ada", "n", 42L), p.getKwargs());
    }

    @Test
    void wrongTypesAndRangesFailClearly() {
        Payload p = Payload.of("text", 5_000_000_000L, null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.argLong(0));
        assertEquals("expected Long, got string", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> p.argInt(1));
        assertThrows(IllegalArgumentException.class, () -> p.argString(2));
        assertNull(p.arg(2));
        assertThrows(IndexOutOfBoundsException.class, () -> p.arg(3));
        assertThrows(IllegalArgumentException.class, () -> Payload.of(new Object()));
    }

    @Test
    void plainListsAreUnmodifiableCopies() {
        Payload p = Payload.of(Arrays.asList(1, 2));
        assertEquals(1, p.getArgs().size());
        assertThrows(UnsupportedOperationException.class, () -> p.getArgs().add(3));
        assertEquals(Payload.of(List.of(1, 2)), p);
        assertEquals(Payload.empty(), Payload.of());
    }
}
