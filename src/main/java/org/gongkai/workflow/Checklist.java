package org.gongkai.workflow;

/** The six points of the confidentiality review (保密审查); every one must hold to pass. */
public record Checklist(boolean noStateSecrets, boolean noWorkSecrets, boolean privacyHandled, boolean noCommercialSecrets,
                        boolean noSecurityRisk, boolean attributeCorrect) {

    public boolean allHold() {
        return noStateSecrets && noWorkSecrets && privacyHandled && noCommercialSecrets && noSecurityRisk && attributeCorrect;
    }

    /** Nothing was ticked: a return (退回) records no assessment of the points, which the 保密审查单 must not print as 否. */
    public boolean noneHold() {
        return !noStateSecrets && !noWorkSecrets && !privacyHandled && !noCommercialSecrets && !noSecurityRisk && !attributeCorrect;
    }

    /** The keys of the points that hold, to keep the ticks on the form after a validation error. */
    public java.util.Set<String> heldKeys() {
        java.util.Set<String> keys = new java.util.HashSet<>();
        if (noStateSecrets) keys.add("noStateSecrets");
        if (noWorkSecrets) keys.add("noWorkSecrets");
        if (privacyHandled) keys.add("privacyHandled");
        if (noCommercialSecrets) keys.add("noCommercialSecrets");
        if (noSecurityRisk) keys.add("noSecurityRisk");
        if (attributeCorrect) keys.add("attributeCorrect");
        return keys;
    }

    public static Checklist none() {
        return new Checklist(false, false, false, false, false, false);
    }
}
