package dev.nebula.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NumbersTest {
    @Test
    void ratesAndCountsTakeDecimalPrefixesAndBytesBinaryOnes() {
        assertEquals("12.0 /s", Numbers.rate(12));
        assertEquals("1.23 k/s", Numbers.rate(1234));
        assertEquals("5000 G/s", Numbers.rate(5e12), "G is the largest prefix");
        assertEquals("12.0", Numbers.count(12));
        assertEquals("1.50 k", Numbers.count(1500));
        assertEquals("512 B", Numbers.bytes(512));
        assertEquals("1.50 KiB", Numbers.bytes(1536));
        assertEquals("-2.00 MiB", Numbers.bytes(-2 * 1024 * 1024));
        assertEquals(Numbers.MISSING, Numbers.rate(Double.NaN));
    }
}
