package org.gongkai.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CreditCodeTests {

    @Test
    void acceptsPublishedCodesAndRejectsAWrongCheckCharacter() {
        // codes of real public bodies, as printed on their licences
        assertThat(CreditCode.isValid("91350100M000100Y43")).isTrue();
        assertThat(CreditCode.isValid("91350100M000100Y44")).isFalse();
        assertThat(CreditCode.isValid("91350100M000100Y4")).isFalse();
        assertThat(CreditCode.isValid("91350100M000100I43")).isFalse();
        assertThat(CreditCode.isValid(null)).isFalse();
    }

    @Test
    void completeAddsTheCheckCharacter() {
        assertThat(CreditCode.complete("91350100M000100Y4").value()).isEqualTo("91350100M000100Y43");
        assertThatThrownBy(() -> new CreditCode("123")).isInstanceOf(IllegalArgumentException.class);
    }
}
