package org.gongkai.identity.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

import org.gongkai.identity.Department;
import org.gongkai.identity.PasswordPolicy;
import org.gongkai.identity.Role;
import org.gongkai.identity.StaffAccount;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * In production, the first start on an empty database creates the system administrator and the security administrator
 * (三员: they must be different accounts) with passwords taken from the environment, and refuses to start without them.
 */
@Component
@Profile("prod")
class InitialAdministrators implements ApplicationRunner {

    private final DepartmentRepository departments;
    private final StaffAccountRepository accounts;
    private final PasswordEncoder passwordEncoder;
    private final Clock clock;
    private final String sysadminPassword;
    private final String secadminPassword;
    private final String organisation;
    private final String creditCode;

    InitialAdministrators(DepartmentRepository departments, StaffAccountRepository accounts, PasswordEncoder passwordEncoder,
                          Clock clock,
                          @Value("${gongkai.initial-admin.sysadmin-password:}") String sysadminPassword,
                          @Value("${gongkai.initial-admin.secadmin-password:}") String secadminPassword,
                          @Value("${gongkai.site-name}") String organisation,
                          @Value("${GONGKAI_CREDIT_CODE:}") String creditCode) {
        this.departments = departments;
        this.accounts = accounts;
        this.passwordEncoder = passwordEncoder;
        this.clock = clock;
        this.sysadminPassword = sysadminPassword;
        this.secadminPassword = secadminPassword;
        this.organisation = organisation;
        this.creditCode = creditCode;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        if (accounts.count() > 0) {
            return;
        }
        for (String[] admin : new String[][] {{"sysadmin", sysadminPassword, "GONGKAI_INITIAL_SYSADMIN_PASSWORD"},
                                              {"secadmin", secadminPassword, "GONGKAI_INITIAL_SECADMIN_PASSWORD"}}) {
            if (!PasswordPolicy.violations(admin[1], admin[0]).isEmpty()) {
                throw new IllegalStateException("The first production start needs " + admin[2]
                        + " (at least 10 characters, three character classes, not containing the username)");
            }
        }
        if (!org.gongkai.support.CreditCode.isValid(creditCode)) {
            throw new IllegalStateException("The first production start needs GONGKAI_CREDIT_CODE, the commission's unified social credit code");
        }
        Department office = departments.findAllByOrderByIdAsc().stream().findFirst()
                .orElseGet(() -> departments.save(new Department(organisation, "本机关", creditCode, null)));
        create("sysadmin", "系统管理员", office, sysadminPassword, EnumSet.of(Role.SYSADMIN));
        create("secadmin", "安全管理员", office, secadminPassword, EnumSet.of(Role.SECADMIN));
    }

    private void create(String username, String name, Department department, String password, Set<Role> roles) {
        String hash = passwordEncoder.encode(password);
        StaffAccount account = new StaffAccount(username, name, department.getId(), hash, Instant.now(clock));
        // the password sat in the server's environment: its holder replaces it at the first sign-in
        account.setPasswordByOther(hash, Instant.now(clock));
        account.grant(roles, Set.of());
        accounts.save(account);
    }
}
