package org.gongkai.demo;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.gongkai.identity.IdentitySeeding;
import org.gongkai.identity.Role;
import org.gongkai.support.CreditCode;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Demo departments of a municipal health commission and the demo accounts (README.md) (password {@code Gongkai@2026});
 * those that need a second factor are enrolled with the fixed secrets below.
 * Idempotent: a second start adds nothing. Runs first among the demo seeders.
 */
@Component
@Profile("demo")
@Order(10)
public class IdentityDemoData implements ApplicationRunner {

    public static final String DEMO_PASSWORD = "Gongkai@2026";

    /**
     * Fixed TOTP secrets (base32) of the demo accounts that must sign in with a second factor, listed in the README so that
     * anyone trying the demo can add them to an authenticator app. Demo profile only: production creates no such accounts.
     */
    public static final Map<String, String> DEMO_SECOND_FACTOR_SECRETS = Map.of(
            "reviewer", "GKDEMOREVIEWERQQQQQQQQQQQQQQQQQQ",
            "approver", "GKDEMOAPPROVERQQQQQQQQQQQQQQQQQQ",
            "sysadmin", "GKDEMOSYSADMINQQQQQQQQQQQQQQQQQQ",
            "secadmin", "GKDEMOSECADMINQQQQQQQQQQQQQQQQQQ",
            "auditor", "GKDEMOAUDITORQQQQQQQQQQQQQQQQQQQ");

    /**
     * name → short name, credit-code body (the check character is computed). The internal 科室 share the commission's
     * unified social credit code (one 索引号 sequence); the 卫生监督所 is a subordinate unit with its own legal personality.
     */
    private static final Map<String, String[]> DEPARTMENTS = new LinkedHashMap<>();

    static {
        DEPARTMENTS.put("办公室", new String[] {"办公室", "11440100MB2C1000"});
        DEPARTMENTS.put("疾病预防控制科", new String[] {"疾控科", "11440100MB2C1000"});
        DEPARTMENTS.put("医政医管科", new String[] {"医政科", "11440100MB2C1000"});
        DEPARTMENTS.put("基层卫生健康科", new String[] {"基层科", "11440100MB2C1000"});
        DEPARTMENTS.put("综合监督科（卫生监督所）", new String[] {"监督所", "12440100MB2C1004"});
        DEPARTMENTS.put("药物政策与基本药物制度科", new String[] {"药政科", "11440100MB2C1000"});
        DEPARTMENTS.put("财务科", new String[] {"财务科", "11440100MB2C1000"});
        DEPARTMENTS.put("规划发展与信息化科", new String[] {"规划信息科", "11440100MB2C1000"});
        DEPARTMENTS.put("应急办公室", new String[] {"应急办", "11440100MB2C1000"});
        DEPARTMENTS.put("人口监测与家庭发展科", new String[] {"人口家庭科", "11440100MB2C1000"});
    }

    private final IdentitySeeding seeding;

    IdentityDemoData(IdentitySeeding seeding) {
        this.seeding = seeding;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        Map<String, Long> ids = new LinkedHashMap<>();
        DEPARTMENTS.forEach((name, facts) -> ids.put(name, seeding.department(name, facts[0], CreditCode.complete(facts[1] + "0").value())));
        String hash = null;
        for (Object[] a : new Object[][] {
                {"clerk", "李明", "疾病预防控制科", EnumSet.of(Role.CLERK), Set.of()},
                {"clerk2", "王芳", "医政医管科", EnumSet.of(Role.CLERK), Set.of()},
                {"clerk3", "陈静", "综合监督科（卫生监督所）", EnumSet.of(Role.CLERK), Set.of()},
                {"office", "黄丽", "办公室", EnumSet.of(Role.CLERK), Set.of()},
                {"reviewer", "赵建国", "办公室", EnumSet.of(Role.REVIEWER), Set.of()},
                {"approver", "刘志强", "办公室", EnumSet.of(Role.APPROVER), Set.of()},
                {"sysadmin", "孙伟", "规划发展与信息化科", EnumSet.of(Role.SYSADMIN), Set.of()},
                {"secadmin", "周敏", "办公室", EnumSet.of(Role.SECADMIN), Set.of()},
                {"auditor", "吴磊", "办公室", EnumSet.of(Role.AUDITOR), Set.of()}}) {
            String username = (String) a[0];
            if (seeding.accountExists(username)) {
                continue;
            }
            if (hash == null) {
                hash = seeding.hash(DEMO_PASSWORD);
            }
            @SuppressWarnings("unchecked")
            Set<Role> roles = (Set<Role>) a[3];
            @SuppressWarnings("unchecked")
            Set<Long> covered = (Set<Long>) a[4];
            seeding.account(username, (String) a[1], ids.get((String) a[2]), hash, roles, covered);
        }
        DEMO_SECOND_FACTOR_SECRETS.forEach(seeding::secondFactor);
    }
}
