package org.gongkai.requests;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;

/** Checks and masks the 18-character resident identity number (公民身份号码, GB 11643-1999). */
public final class IdentityNumbers {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK = "10X98765432";
    private static final DateTimeFormatter BIRTH = DateTimeFormatter.ofPattern("uuuuMMdd").withResolverStyle(ResolverStyle.STRICT);

    private IdentityNumbers() {
    }

    /** True for 17 digits with a real birth date followed by the matching check character (0–9 or X). */
    public static boolean isValid(String text) {
        if (text == null || !text.matches("\\d{17}[0-9Xx]")) {
            return false;
        }
        try {
            LocalDate birth = LocalDate.parse(text.substring(6, 14), BIRTH);
            if (birth.getYear() < 1900) {
                return false;
            }
        } catch (RuntimeException e) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (text.charAt(i) - '0') * WEIGHTS[i];
        }
        return Character.toUpperCase(text.charAt(17)) == CHECK.charAt(sum % 11);
    }

    /** Completes 17 digits with their check character (test and demo data). */
    public static String complete(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return first17 + CHECK.charAt(sum % 11);
    }

    /** 4401**********1234 style: the first four and last four characters stay. */
    public static String mask(String number) {
        if (number == null || number.length() <= 8) {
            return "****";
        }
        return number.substring(0, 4) + "*".repeat(number.length() - 8) + number.substring(number.length() - 4);
    }
}
