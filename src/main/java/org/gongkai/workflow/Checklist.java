package org.gongkai.workflow;

/** The six points of the confidentiality review (保密审查); every one must hold to pass. */
public record Checklist(boolean noStateSecrets, boolean noWorkSecrets, boolean privacyHandled, boolean noCommercialSecrets,
                        boolean noSecurityRisk, boolean attributeCorrect) {

    public boolean allHold() {
        return noStateSecrets && noWorkSecrets && privacyHandled && noCommercialSecrets && noSecurityRisk && attributeCorrect;
    }

    public static Checklist none() {
        return new Checklist(false, false, false, false, false, false);
    }
}
