package org.gongkai.support;

/**
 * A business rule refused a command. Carries the form field it belongs to (or null for the whole form) and a message key,
 * so that the controller can show the message next to the field and nothing is saved.
 */
public class RuleViolation extends RuntimeException {

    private final String field;
    private final String messageKey;

    public RuleViolation(String field, String messageKey) {
        super(messageKey, null, false, false);
        this.field = field;
        this.messageKey = messageKey;
    }

    public String field() {
        return field;
    }

    public String messageKey() {
        return messageKey;
    }
}
