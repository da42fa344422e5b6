package org.gongkai.identity.internal;

import java.io.Serial;
import java.io.Serializable;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.gongkai.identity.IdentityManagement;
import org.gongkai.identity.SignIns;
import org.gongkai.identity.SignIns.SignInStep;
import org.gongkai.identity.StaffPrincipal;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.stereotype.Component;

/**
 * The steps of a staff sign-in after the password: second factor (or its enrolment), then a new password where one is due.
 * Until the last step is done nobody is signed in: the session holds only a {@link Pending} sign-in (in the JDBC session, so
 * it works across nodes), the console answers with the login page, and the login page sends the person back to their step.
 */
@Component
public class SignInFlow {

    static final String PENDING = SignInFlow.class.getName() + ".PENDING";

    /** A sign-in whose password was right; {@code secondFactorDone} once a code (or a new enrolment) was accepted. */
    public record Pending(long accountId, String username, boolean secondFactorDone) implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;

        public Pending withSecondFactorDone() {
            return new Pending(accountId, username, true);
        }
    }

    private final IdentityManagement identity;
    private final SignIns signIns;
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
    private final RequestCache requests = new HttpSessionRequestCache();

    SignInFlow(IdentityManagement identity, SignIns signIns) {
        this.signIns = signIns;
        this.identity = identity;
    }

    /** Right after a correct password: signs out again and returns where to go next (a step, or the console when none). */
    public String afterPassword(StaffPrincipal principal, HttpServletRequest request, HttpServletResponse response) {
        SecurityContextHolder.clearContext();
        contexts.saveContext(SecurityContextHolder.createEmptyContext(), request, response);
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.removeAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
        }
        return next(new Pending(principal.id(), principal.getUsername(), false), request, response);
    }

    public Optional<Pending> pending(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session == null ? Optional.empty() : Optional.ofNullable((Pending) session.getAttribute(PENDING));
    }

    /** Keeps a pending sign-in in the session. */
    public void hold(HttpServletRequest request, Pending pending) {
        request.getSession().setAttribute(PENDING, pending);
    }

    /** Forgets a pending sign-in (after a lock, or when the person gives up). */
    public void abandon(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.removeAttribute(PENDING);
        }
    }

    /** Keeps the sign-in pending at its next step and returns that step's page, or completes it and returns the target. */
    public String next(Pending pending, HttpServletRequest request, HttpServletResponse response) {
        SignInStep step = signIns.nextSignInStep(pending.accountId(), pending.secondFactorDone());
        String page = switch (step) {
            case SECOND_FACTOR -> "/login/code";
            case ENROL_SECOND_FACTOR -> "/login/enrol";
            case CHANGE_PASSWORD -> "/login/password";
            case DONE, REFUSED_DISABLED, REFUSED_LOCKED -> null;
        };
        if (page != null) {
            hold(request, pending);
            return page;
        }
        abandon(request);
        return switch (step) {
            case REFUSED_DISABLED -> "/login?disabled";
            case REFUSED_LOCKED -> "/login?locked";
            default -> complete(pending, request, response);
        };
    }

    private String complete(Pending pending, HttpServletRequest request, HttpServletResponse response) {
        StaffPrincipal principal = identity.principal(pending.accountId());
        principal.eraseCredentials();
        request.changeSessionId();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.getAuthorities()));
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
        signIns.recordSuccessfulLogin(pending.accountId(), pending.secondFactorDone() ? "密码+动态验证码" : "密码");
        SavedRequest saved = requests.getRequest(request, response);
        if (saved != null) {
            requests.removeRequest(request, response);
            return saved.getRedirectUrl();
        }
        return "/admin";
    }
}
