package org.gongkai.support;

import java.security.SecureRandom;
import java.util.Locale;

/**
 * The one-time query code with which an applicant tracks a request or a question: 12 characters without look-alikes (no 0/O,
 * 1/I/L), shown in groups of four and stored only as a hash of its {@linkplain #normalise normalised} form.
 */
public final class QueryCodes {

    private static final String ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private QueryCodes() {
    }

    /** A new code, e.g. {@code K7QM-2XHD-9PRT}. */
    public static String generate() {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            if (i > 0 && i % 4 == 0) {
                code.append('-');
            }
            code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }

    /** A code as typed: without spaces and dashes, upper case. */
    public static String normalise(String code) {
        return code == null ? "" : code.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
    }
}
