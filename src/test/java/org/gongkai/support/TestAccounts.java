package org.gongkai.support;

import java.util.Arrays;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Creates throw-away staff accounts straight in the database, so tests never lock or change the shared demo accounts.
 * Accounts whose roles need a second factor are enrolled with {@link TestTotp#TEST_SECRET}.
 */
public final class TestAccounts {

    /** The demo password; every account made here has it. */
    public static final String PASSWORD = "Gongkai@2026";

    private TestAccounts() {
    }

    /** A new account in the named department with the given roles; returns its username. */
    public static String create(JdbcTemplate jdbc, String departmentName, String... roles) {
        String username = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String hash = jdbc.queryForObject("select password_hash from staff_user where username = 'clerk'", String.class);
        Long departmentId = jdbc.queryForObject("select id from department where name = ?", Long.class, departmentName);
        Long id = jdbc.queryForObject("""
                insert into staff_user (username, display_name, department_id, password_hash)
                values (?, ?, ?, ?) returning id""", Long.class, username, "测试" + username.substring(1, 5), departmentId, hash);
        Arrays.stream(roles).forEach(role -> jdbc.update("insert into staff_user_role (user_id, role) values (?, ?)", id, role));
        if (Arrays.stream(roles).anyMatch(role -> !role.equals("CLERK"))) {
            // every role but CLERK needs a second factor: enrolled with the test secret, as if done at a first sign-in
            jdbc.update("insert into staff_second_factor (user_id, secret, confirmed_at) values (?, ?, now())", id, TestTotp.TEST_SECRET);
        }
        return username;
    }

    public static long idOf(JdbcTemplate jdbc, String username) {
        return jdbc.queryForObject("select id from staff_user where username = ?", Long.class, username);
    }
}
