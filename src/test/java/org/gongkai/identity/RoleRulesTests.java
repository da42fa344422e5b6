package org.gongkai.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class RoleRulesTests {

    @Test
    void everyCombinationOfASeparatedAdministratorWithAnotherRoleIsRefused() {
        for (Role separated : Role.SEPARATED) {
            assertThat(RoleRules.violation(EnumSet.of(separated))).isEmpty();
            for (Role other : Role.values()) {
                if (other != separated) {
                    assertThat(RoleRules.violation(EnumSet.of(separated, other)))
                            .as(separated + "+" + other).contains("roles.error.separation");
                }
            }
        }
    }

    @Test
    void businessRolesMayBeCombined() {
        assertThat(RoleRules.violation(EnumSet.of(Role.CLERK, Role.REVIEWER))).isEmpty();
        assertThat(RoleRules.violation(EnumSet.of(Role.REVIEWER, Role.APPROVER))).isEmpty();
        assertThat(RoleRules.violation(Set.of())).isEmpty();
    }
}
