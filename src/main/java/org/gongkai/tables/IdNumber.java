package org.gongkai.tables;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * 居民身份证号码 (GB 11643-1999): 18 characters, the last a check character (0–9 or X, ISO 7064 MOD 11-2), or the
 * 15-digit first-generation form (area, YYMMDD birth date in the 1900s, sequence) without a check character.
 */
public final class IdNumber {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK = "10X98765432";

    private IdNumber() {
    }

    /** True for an 18-character number with a valid birth date and check character, or a valid 15-digit number. */
    public static boolean isValid(String text) {
        if (text == null) {
            return false;
        }
        if (text.length() == 18) {
            for (int i = 0; i < 17; i++) {
                if (!isDigit(text.charAt(i))) {
                    return false;
                }
            }
            char last = Character.toUpperCase(text.charAt(17));
            return areaPlausible(text) && birthDateValid(text.substring(6, 14)) && last == checkCharacter(text.substring(0, 17));
        }
        if (text.length() == 15) {
            for (int i = 0; i < 15; i++) {
                if (!isDigit(text.charAt(i))) {
                    return false;
                }
            }
            return areaPlausible(text) && birthDateValid("19" + text.substring(6, 12));
        }
        return false;
    }

    /** The check character of the first 17 digits. */
    public static char checkCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK.charAt(sum % 11);
    }

    private static boolean areaPlausible(String text) {
        char first = text.charAt(0);
        return first >= '1' && first <= '9';
    }

    private static boolean birthDateValid(String yyyymmdd) {
        try {
            LocalDate date = LocalDate.of(Integer.parseInt(yyyymmdd.substring(0, 4)), Integer.parseInt(yyyymmdd.substring(4, 6)),
                    Integer.parseInt(yyyymmdd.substring(6, 8)));
            return date.getYear() >= 1880 && date.getYear() <= 2100;
        } catch (DateTimeException | NumberFormatException e) {
            return false;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
