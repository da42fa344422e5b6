package org.gongkai.identity;

import java.util.Optional;
import java.util.Set;

/**
 * Separation of duties for role grants: the system, security and audit administrators (三员分立, 等保 2.0)
 * must each be a separate account holding no other role, so that no account can both manage users and hide its traces.
 */
public final class RoleRules {

    private RoleRules() {
    }

    /** The message key of the rule a combination breaks, or empty when the combination is allowed. */
    public static Optional<String> violation(Set<Role> roles) {
        for (Role separated : Role.SEPARATED) {
            if (roles.contains(separated) && roles.size() > 1) {
                return Optional.of("roles.error.separation");
            }
        }
        return Optional.empty();
    }
}
