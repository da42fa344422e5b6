package org.gongkai.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Password rules: at least 10 characters, three of the four character classes, and not containing the username. */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 10;

    private PasswordPolicy() {
    }

    /** Message keys of every rule the password breaks; empty when it is acceptable. */
    public static List<String> violations(String password, String username) {
        List<String> problems = new ArrayList<>();
        if (password == null || password.length() < MIN_LENGTH) {
            problems.add("password.error.length");
            if (password == null) {
                return problems;
            }
        }
        int classes = 0;
        if (password.chars().anyMatch(Character::isUpperCase)) classes++;
        if (password.chars().anyMatch(Character::isLowerCase)) classes++;
        if (password.chars().anyMatch(Character::isDigit)) classes++;
        if (password.chars().anyMatch(c -> !Character.isLetterOrDigit(c))) classes++;
        if (classes < 3) {
            problems.add("password.error.classes");
        }
        if (username != null && !username.isBlank()
                && password.toLowerCase(Locale.ROOT).contains(username.toLowerCase(Locale.ROOT))) {
            problems.add("password.error.username");
        }
        return problems;
    }
}
