package org.gongkai.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PasswordPolicyTests {

    @ParameterizedTest(name = "{0} for {1} → {2}")
    @CsvSource(delimiter = '|', textBlock = """
            Gongkai@2026      | clerk   | ''
            Short@1a          | clerk   | password.error.length
            alllowercase1     | clerk   | password.error.classes
            ALLUPPER!!!!      | clerk   | password.error.classes
            abcdefghiJKL      | clerk   | password.error.classes
            Abcdefghij1       | clerk   | ''
            abcdefghij1!      | clerk   | ''
            Clerk2026!x       | clerk   | password.error.username
            xxCLERKxx1A       | Clerk   | password.error.username
            长度足够的中文密码Aa1    | clerk   | ''
            """)
    void checksLengthClassesAndUsername(String password, String username, String expected) {
        var problems = PasswordPolicy.violations(password, username);
        if (expected.isEmpty()) {
            assertThat(problems).isEmpty();
        } else {
            assertThat(problems).contains(expected);
        }
    }
}
