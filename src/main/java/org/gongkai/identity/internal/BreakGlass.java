package org.gongkai.identity.internal;

import org.gongkai.identity.IdentityManagement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Break-glass for a lost administrator account (above all the security administrator's, whom no other administrator may
 * take over alone): started with GONGKAI_BREAK_GLASS_ACCOUNT and GONGKAI_BREAK_GLASS_PASSWORD, the application resets that
 * account's password (to be changed at sign-in) and second factor, audited as {@code break-glass}. Needs access to the
 * server's environment, i.e. the operator, not a console account. The procedure is in docs/identity-security.md.
 */
@Component
@Order(5)
class BreakGlass implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(BreakGlass.class);

    private final IdentityManagement identity;
    private final String account;
    private final String password;

    BreakGlass(IdentityManagement identity, @Value("${gongkai.break-glass.account:}") String account,
               @Value("${gongkai.break-glass.password:}") String password) {
        this.identity = identity;
        this.account = account;
        this.password = password;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (account.isBlank()) {
            return;
        }
        if (identity.breakGlassReset(account, password)) {
            log.warn("break-glass: password and second factor of account '{}' reset (audited); remove GONGKAI_BREAK_GLASS_ACCOUNT "
                    + "and GONGKAI_BREAK_GLASS_PASSWORD from the environment now", account);
        } else {
            log.warn("break-glass: account '{}' already has that password; nothing done. Remove GONGKAI_BREAK_GLASS_* now", account);
        }
    }
}
