package org.gongkai.interaction.internal;

import java.util.regex.Pattern;

/** Masks what looks like a mainland ID number or mobile number in free text before it is shown or stored for statistics. */
public final class Redaction {

    private static final Pattern ID_NUMBER = Pattern.compile("(?<![0-9])([1-9][0-9]{5})[0-9]{8}([0-9]{3}[0-9Xx])(?![0-9])");
    private static final Pattern MOBILE = Pattern.compile("(?<![0-9])(1[3-9][0-9])[0-9]{4}([0-9]{4})(?![0-9])");

    private Redaction() {
    }

    public static String mask(String text) {
        if (text == null) {
            return null;
        }
        String masked = ID_NUMBER.matcher(text).replaceAll("$1********$2");
        return MOBILE.matcher(masked).replaceAll("$1****$2");
    }
}
