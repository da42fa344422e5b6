package org.gongkai.support;

import java.util.Objects;

/** A unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters, the last one a check character. */
public record CreditCode(String value) {

    private static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    public CreditCode {
        Objects.requireNonNull(value, "value");
        if (!isValid(value)) {
            throw new IllegalArgumentException("not a valid unified social credit code");
        }
    }

    /** True when the text has the 18-character form and its check character matches. */
    public static boolean isValid(String text) {
        if (text == null || text.length() != 18) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            int v = ALPHABET.indexOf(text.charAt(i));
            if (v < 0) {
                return false;
            }
            sum += v * WEIGHTS[i];
        }
        return text.charAt(17) == checkCharacter(sum);
    }

    /** Completes the first 17 characters with their check character. */
    public static CreditCode complete(String first17) {
        if (first17.length() != 17) {
            throw new IllegalArgumentException("needs 17 characters");
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            int v = ALPHABET.indexOf(first17.charAt(i));
            if (v < 0) {
                throw new IllegalArgumentException("character not allowed in a credit code");
            }
            sum += v * WEIGHTS[i];
        }
        return new CreditCode(first17 + checkCharacter(sum));
    }

    private static char checkCharacter(int sum) {
        int c = 31 - sum % 31;
        return ALPHABET.charAt(c == 31 ? 0 : c);
    }

    @Override
    public String toString() {
        return value;
    }
}
