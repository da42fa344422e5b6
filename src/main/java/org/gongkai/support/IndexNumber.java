package org.gongkai.support;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An index number (索引号): {@code {publishing organ's credit code}/{year}-{5-digit serial}}, e.g. {@code 11441500MB2C12345X/2026-00017}. */
public record IndexNumber(String creditCode, int year, int serial) {

    private static final Pattern FORM = Pattern.compile("([0-9A-Z]{18})/(\\d{4})-(\\d{5})");

    public IndexNumber {
        if (!CreditCode.isValid(creditCode)) {
            throw new IllegalArgumentException("not a credit code");
        }
        if (serial < 1 || serial > 99_999) {
            throw new IllegalArgumentException("serial out of range");
        }
    }

    public static IndexNumber parse(String text) {
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("not an index number");
        }
        return new IndexNumber(m.group(1), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
    }

    @Override
    public String toString() {
        return "%s/%d-%05d".formatted(creditCode, year, serial);
    }
}
