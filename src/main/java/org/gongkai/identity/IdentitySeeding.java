package org.gongkai.identity;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;

import org.gongkai.identity.internal.DepartmentRepository;
import org.gongkai.identity.internal.StaffAccountRepository;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes departments and accounts as given, for the demo data: no password policy, no separation-of-duties request, no audit.
 * Not reachable from any page; the console goes through {@link IdentityManagement}. Each method leaves what exists alone.
 */
@Service
public class IdentitySeeding {

    private final DepartmentRepository departments;
    private final StaffAccountRepository accounts;
    private final PasswordEncoder passwordEncoder;
    private final Clock clock;
    private final JdbcTemplate jdbc;

    IdentitySeeding(DepartmentRepository departments, StaffAccountRepository accounts, PasswordEncoder passwordEncoder, Clock clock,
                    JdbcTemplate jdbc) {
        this.departments = departments;
        this.accounts = accounts;
        this.passwordEncoder = passwordEncoder;
        this.clock = clock;
        this.jdbc = jdbc;
    }

    /** The id of the department with the name, created first if there is none. */
    @Transactional
    public long department(String name, String shortName, String creditCode) {
        return departments.findByName(name).orElseGet(() -> departments.save(new Department(name, shortName, creditCode, null))).getId();
    }

    /** Whether an account has the username. */
    @Transactional(readOnly = true)
    public boolean accountExists(String username) {
        return accounts.findByUsername(username).isPresent();
    }

    /** The password's hash, to give several accounts the same one without hashing it each time. */
    public String hash(String password) {
        return passwordEncoder.encode(password);
    }

    /** Creates an enabled account with the roles, unless the username exists. */
    @Transactional
    public void account(String username, String displayName, long departmentId, String passwordHash, Set<Role> roles,
                        Set<Long> coveredDepartments) {
        if (accountExists(username)) {
            return;
        }
        StaffAccount account = new StaffAccount(username, displayName, departmentId, passwordHash, Instant.now(clock));
        account.grant(roles, coveredDepartments);
        accounts.save(account);
    }

    /** Enrols the account's second factor with a known secret, unless it has one. */
    @Transactional
    public void secondFactor(String username, String secret) {
        accounts.findByUsername(username).ifPresent(a -> jdbc.update("""
                insert into staff_second_factor (user_id, secret, confirmed_at) values (?, ?, ?) on conflict (user_id) do nothing""",
                a.getId(), secret, java.sql.Timestamp.from(Instant.now(clock))));
    }
}
