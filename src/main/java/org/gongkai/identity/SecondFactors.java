package org.gongkai.identity;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import org.gongkai.audit.AuditTrail;
import org.gongkai.identity.internal.LoginThrottle;
import org.gongkai.identity.internal.StaffAccountRepository;
import org.gongkai.identity.internal.Totp;
import org.gongkai.infrastructure.NotFoundException;
import org.gongkai.support.RuleViolation;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The second factor (TOTP, RFC 6238) of staff accounts: enrolment with recovery codes, the check at sign-in (each code once,
 * wrong codes count towards the lock like wrong passwords), and the policy of who must have one.
 */
@Service
public class SecondFactors {

    private final StaffAccountRepository accounts;
    private final AuditTrail audit;
    private final Clock clock;
    private final LoginThrottle throttle;
    private final Totp totp;
    private final JdbcTemplate jdbc;
    private final boolean clerksNeedSecondFactor;
    private final String issuer;

    SecondFactors(StaffAccountRepository accounts, AuditTrail audit, Clock clock, LoginThrottle throttle, Totp totp, JdbcTemplate jdbc,
                  @Value("${gongkai.security.second-factor-for-clerks:false}") boolean clerksNeedSecondFactor,
                  @Value("${gongkai.site-name}") String issuer) {
        this.accounts = accounts;
        this.audit = audit;
        this.clock = clock;
        this.throttle = throttle;
        this.totp = totp;
        this.jdbc = jdbc;
        this.clerksNeedSecondFactor = clerksNeedSecondFactor;
        this.issuer = issuer;
    }

    /** Whether the account has a confirmed second factor. */
    @Transactional(readOnly = true)
    public boolean hasSecondFactor(long accountId) {
        return secondFactorSecret(accountId, true).isPresent();
    }

    /** Whether the policy demands a second factor of an account with these roles (clerks only when configured). */
    public boolean secondFactorRequired(Set<Role> roles) {
        return roles.stream().anyMatch(IdentityManagement.SECOND_FACTOR_ROLES::contains) || (clerksNeedSecondFactor && roles.contains(Role.CLERK));
    }

    /** What an authenticator app needs: the secret (for typing in) and the otpauth URI drawn as a QR code (SVG). */
    public record Enrolment(String secret, String otpauthUri, String qrSvg) {
        @Override
        public String toString() {
            return "Enrolment[…]";   // the secret never reaches a log
        }
    }

    /** Starts (or shows again) an enrolment that is not confirmed yet; a confirmed second factor is never shown again. */
    @Transactional
    public Enrolment beginEnrolment(long accountId) {
        StaffAccount account = accounts.findById(accountId).orElseThrow(NotFoundException::new);
        if (hasSecondFactor(accountId)) {
            throw new RuleViolation("code", "totp.error.alreadyEnrolled");
        }
        String secret = secondFactorSecret(accountId, false).orElseGet(() -> {
            String fresh = totp.newSecret();
            jdbc.update("""
                    insert into staff_second_factor (user_id, secret) values (?, ?)
                    on conflict (user_id) do update set secret = excluded.secret, confirmed_at = null, last_used_step = 0""",
                    accountId, fresh);
            return fresh;
        });
        String uri = totp.otpauthUri(secret, account.getUsername(), issuer);
        return new Enrolment(secret, uri, totp.qrSvg(uri));
    }

    /** Confirms an enrolment with a first code; returns the recovery codes, shown to the holder this once. */
    @Transactional
    public List<String> confirmEnrolment(long accountId, String code) {
        StaffAccount account = accounts.findById(accountId).orElseThrow(NotFoundException::new);
        String secret = secondFactorSecret(accountId, false).orElseThrow(() -> new RuleViolation("code", "totp.error.code"));
        OptionalLong step = totp.matchingStep(secret, code, 0);
        if (step.isEmpty()) {
            throw new RuleViolation("code", "totp.error.code");
        }
        jdbc.update("update staff_second_factor set confirmed_at = ?, last_used_step = ? where user_id = ?",
                Timestamp.from(Instant.now(clock)), step.getAsLong(), accountId);
        List<String> codes = totp.newRecoveryCodes();
        jdbc.update("delete from staff_recovery_code where user_id = ?", accountId);
        for (String c : codes) {
            jdbc.update("insert into staff_recovery_code (user_id, code_hash) values (?, ?)", accountId, Totp.hashRecoveryCode(c));
        }
        audit.recordAs(account.getUsername(), names(account.getRoles()), "secondFactor.enrolled", "account", accountId,
                "TOTP，恢复码" + codes.size() + "个");
        return codes;
    }

    /** The outcome of a second-factor code at sign-in. */
    public enum SecondFactorCheck { ACCEPTED, REFUSED, LOCKED }

    /**
     * Checks a TOTP code (each accepted once) or an unused recovery code at sign-in. A wrong code counts towards the lock
     * like a wrong password.
     */
    @Transactional
    public SecondFactorCheck checkSecondFactor(long accountId, String code) {
        StaffAccount account = accounts.findById(accountId).orElseThrow(NotFoundException::new);
        Instant now = Instant.now(clock);
        if (throttle.lockedUntil(account.getUsername(), now).isPresent()) {
            return SecondFactorCheck.LOCKED;
        }
        var row = jdbc.query("select secret, last_used_step from staff_second_factor where user_id = ? and confirmed_at is not null for update",
                (rs, n) -> new Object[] {rs.getString(1), rs.getLong(2)}, accountId);
        if (!row.isEmpty()) {
            OptionalLong step = totp.matchingStep((String) row.get(0)[0], code, (Long) row.get(0)[1]);
            if (step.isPresent()) {
                jdbc.update("update staff_second_factor set last_used_step = ? where user_id = ?", step.getAsLong(), accountId);
                return SecondFactorCheck.ACCEPTED;
            }
            if (code != null && jdbc.update("update staff_recovery_code set used_at = ? where user_id = ? and code_hash = ? and used_at is null",
                    Timestamp.from(now), accountId, Totp.hashRecoveryCode(code)) == 1) {
                audit.recordAs(account.getUsername(), names(account.getRoles()), "secondFactor.recoveryCodeUsed", "account", accountId,
                        "剩余" + jdbc.queryForObject("select count(*) from staff_recovery_code where user_id = ? and used_at is null",
                                Integer.class, accountId) + "个");
                return SecondFactorCheck.ACCEPTED;
            }
        }
        audit.recordAs(account.getUsername(), names(account.getRoles()), "login.failed", "account", accountId, "动态验证码错误");
        Optional<Instant> lockedNow = throttle.recordFailure(account.getUsername(), now);
        if (lockedNow.isPresent()) {
            audit.recordAs(account.getUsername(), names(account.getRoles()), "account.locked", "account", accountId,
                    "连续" + LoginThrottle.MAX_FAILURES + "次登录失败，锁定至 " + lockedNow.get());
            return SecondFactorCheck.LOCKED;
        }
        return SecondFactorCheck.REFUSED;
    }

    private Optional<String> secondFactorSecret(long accountId, boolean confirmed) {
        return jdbc.queryForList("select secret from staff_second_factor where user_id = ? and (confirmed_at is not null) = ?",
                String.class, accountId, confirmed).stream().findFirst();
    }

    private static String names(Set<Role> roles) {
        return IdentityManagement.names(roles);
    }
}
