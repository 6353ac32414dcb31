package io.tocsin.support;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Phone numbers that no other test of the run uses. A counter rather than digits cut from {@code System.nanoTime()}:
 * on a machine booted minutes ago the nano time has fewer digits than such a cut expects.
 */
public final class TestPhones {

    private static final AtomicLong NEXT = new AtomicLong(100_000_000L + (System.currentTimeMillis() % 800_000_000L));

    private TestPhones() {
    }

    /** A German mobile number (E.164) with nine subscriber digits, unique in this JVM. */
    public static String unique(String prefix) {
        return prefix + (NEXT.getAndIncrement() % 900_000_000L + 100_000_000L);
    }
}
