package org.gongkai.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.gongkai.audit.AuditTrail;
import org.gongkai.identity.internal.LoginThrottle;
import org.gongkai.identity.internal.StaffAccountRepository;
import org.gongkai.infrastructure.NotFoundException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Staff sign-in: failures counted per submitted name (lockout), the steps after a right password (second factor, then a
 * new password where it was set by someone else or has expired), and the record of a complete sign-in.
 */
@Service
public class SignIns {

    private final StaffAccountRepository accounts;
    private final IdentityManagement identity;
    private final SecondFactors secondFactors;
    private final AuditTrail audit;
    private final Clock clock;
    private final LoginThrottle throttle;
    private final Duration passwordMaxAge;

    SignIns(StaffAccountRepository accounts, IdentityManagement identity, SecondFactors secondFactors, AuditTrail audit, Clock clock,
            LoginThrottle throttle, @Value("${gongkai.security.password-max-age:90d}") Duration passwordMaxAge) {
        this.accounts = accounts;
        this.identity = identity;
        this.secondFactors = secondFactors;
        this.audit = audit;
        this.clock = clock;
        this.throttle = throttle;
        this.passwordMaxAge = passwordMaxAge;
    }

    /** What a failed sign-in did to the name: counted, or locked it now. Unknown names are counted exactly like accounts. */
    public enum FailedLogin { COUNTED, LOCKED_NOW }

    @Transactional
    public FailedLogin recordFailedLogin(String username) {
        Instant now = Instant.now(clock);
        Optional<StaffAccount> found = username == null ? Optional.empty() : accounts.findByUsername(username.strip());
        Optional<Instant> lockedNow = throttle.recordFailure(username, now);
        if (found.isEmpty()) {
            // the attempted name is not stored: people sometimes type their password into the username field
            audit.recordAs("anonymous", "", "login.failed", "account", "", "未知用户名");
            return lockedNow.isPresent() ? FailedLogin.LOCKED_NOW : FailedLogin.COUNTED;
        }
        StaffAccount account = found.get();
        audit.recordAs(account.getUsername(), names(account.getRoles()), "login.failed", "account", account.getId(), "密码错误");
        if (lockedNow.isPresent()) {
            audit.recordAs(account.getUsername(), names(account.getRoles()), "account.locked", "account", account.getId(),
                    "连续" + LoginThrottle.MAX_FAILURES + "次登录失败，锁定至 " + lockedNow.get());
            return FailedLogin.LOCKED_NOW;
        }
        return FailedLogin.COUNTED;
    }

    @Transactional
    public void recordRefusedLogin(String username, String reason) {
        Optional<StaffAccount> found = username == null ? Optional.empty() : accounts.findByUsername(username.strip());
        found.ifPresent(a -> audit.recordAs(a.getUsername(), names(a.getRoles()), "login.refused", "account", a.getId(), reason));
        if (found.isEmpty()) {
            audit.recordAs("anonymous", "", "login.refused", "account", "", reason);
        }
    }

    /** Whether sign-ins under this name are refused now after repeated failures, whether or not an account has the name. */
    @Transactional(readOnly = true)
    public boolean isNameLocked(String username) {
        return throttle.lockedUntil(username, Instant.now(clock)).isPresent();
    }

    /** Failures counted under this name towards the next lock. */
    @Transactional(readOnly = true)
    public int failedSignIns(String username) {
        return throttle.failures(username);
    }

    /** A complete sign-in (password and, where needed, second factor and password change): the failure count starts over. */
    @Transactional
    public void recordSuccessfulLogin(long accountId, String how) {
        StaffAccount account = accounts.findById(accountId).orElseThrow(NotFoundException::new);
        account.recordSuccessfulLogin(Instant.now(clock));
        throttle.clear(account.getUsername());
        audit.recordAs(account.getUsername(), names(account.getRoles()), "login.succeeded", "account", accountId, how);
    }

    /** The next step of a sign-in whose password was right, in this order: second factor, then a new password. */
    public enum SignInStep { SECOND_FACTOR, ENROL_SECOND_FACTOR, CHANGE_PASSWORD, DONE, REFUSED_DISABLED, REFUSED_LOCKED }

    @Transactional(readOnly = true)
    public SignInStep nextSignInStep(long accountId, boolean secondFactorDone) {
        StaffAccount account = accounts.findById(accountId).orElseThrow(NotFoundException::new);
        // disabled or locked (e.g. by attempts elsewhere) while the steps were under way
        if (!account.isEnabled()) {
            return SignInStep.REFUSED_DISABLED;
        }
        if (throttle.lockedUntil(account.getUsername(), Instant.now(clock)).isPresent()) {
            return SignInStep.REFUSED_LOCKED;
        }
        if (!secondFactorDone) {
            if (secondFactors.hasSecondFactor(accountId)) {
                return SignInStep.SECOND_FACTOR;
            }
            if (secondFactors.secondFactorRequired(account.getRoles())) {
                return SignInStep.ENROL_SECOND_FACTOR;
            }
        }
        if (account.isPasswordMustChange() || account.isPasswordExpiredAt(Instant.now(clock), passwordMaxAge)) {
            return SignInStep.CHANGE_PASSWORD;
        }
        return SignInStep.DONE;
    }

    /** Why the password must be changed before the console opens: set by someone else, or older than the policy allows. */
    @Transactional(readOnly = true)
    public boolean passwordSetByOther(long accountId) {
        return accounts.findById(accountId).orElseThrow(NotFoundException::new).isPasswordMustChange();
    }

    /** The new password chosen during sign-in (the password was proven a moment ago on the login page). */
    @Transactional
    public void changePasswordAtSignIn(long accountId, String newPassword) {
        identity.setOwnPassword(accounts.findById(accountId).orElseThrow(NotFoundException::new), newPassword);
    }

    private static String names(Set<Role> roles) {
        return IdentityManagement.names(roles);
    }

    // ---- locks after repeated failures ---------------------------------------------------------------------------

    @Transactional
    @PreAuthorize("hasRole('SECADMIN')")
    public void unlock(long id) {
        StaffAccount account = accounts.findById(id).orElseThrow(NotFoundException::new);
        throttle.clear(account.getUsername());
        audit.record("account.unlocked", "account", id, account.getUsername());
    }

    /** The end of the lock on an account after repeated failed sign-ins, if it is locked now. */
    @Transactional(readOnly = true)
    public Optional<Instant> lockedUntil(StaffAccount account) {
        return throttle.lockedUntil(account.getUsername(), Instant.now(clock));
    }

    /** Usernames of the accounts locked now, for the account list. */
    @Transactional(readOnly = true)
    public Set<String> lockedUsernames() {
        Instant now = Instant.now(clock);
        return accounts.findAllByOrderByDepartmentIdAscUsernameAsc().stream()
                .map(StaffAccount::getUsername).filter(u -> throttle.lockedUntil(u, now).isPresent()).collect(Collectors.toSet());
    }
}
