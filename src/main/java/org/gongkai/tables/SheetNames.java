package org.gongkai.tables;

/** Excel sheet names: at most 31 characters, none of {@code \ / ? * [ ] :}. */
final class SheetNames {

    private SheetNames() {
    }

    static String safe(String caption) {
        String s = caption == null || caption.isBlank() ? "Sheet1" : caption.replaceAll("[\\\\/?*\\[\\]:]", "_");
        return s.length() > 31 ? s.substring(0, 31) : s;
    }
}
