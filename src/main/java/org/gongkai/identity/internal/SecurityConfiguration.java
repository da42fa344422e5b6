package org.gongkai.identity.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.gongkai.identity.IdentityManagement;
import org.gongkai.identity.SignIns;
import org.gongkai.identity.StaffPrincipal;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AccountStatusUserDetailsChecker;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/** Form login for the admin console, role rules for its routes ({@link ConsoleAccess}), and the security headers of every page. */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
            + "form-action 'self'; frame-ancestors 'none'";

    /**
     * The edition form with its rich-text editor (static/js/editor.js, TinyMCE): the site's policy plus one inline style that
     * TinyMCE puts on a transient marker while scrolling the caret into view ({@code style="display: inline-block;"}),
     * allowed by its hash only. Scripts stay 'self'; every other inline style (Word's included) is still refused.
     */
    static final String EDITOR_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace("style-src 'self';",
            "style-src 'self' 'unsafe-hashes' 'sha256-BSTKIYoPCaklkJ9YS/ZVYuKW8e+DG8jZJCXznBzHjgg=';");

    /** The pages that carry the editor: a new document and the edit form of an edition (GET and the re-shown POST). */
    static final RequestMatcher EDITOR_PAGES = new OrRequestMatcher(
            PathPatternRequestMatcher.withDefaults().matcher("/admin/documents/new"),
            PathPatternRequestMatcher.withDefaults().matcher("/admin/documents/{id}/edit"));

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, SignIns signIns, SignInFlow signIn,
                                            UserDetailsService users, PasswordEncoder passwordEncoder) throws Exception {
        // a correct password only starts the sign-in: SignInFlow asks for the second factor and a due password change
        AuthenticationSuccessHandler success = (request, response, authentication) -> {
            String next = signIn.afterPassword((StaffPrincipal) authentication.getPrincipal(), request, response);
            response.sendRedirect(next.startsWith("/") ? request.getContextPath() + next : next);
        };

        http
            .authorizeHttpRequests(requests -> {
                // the console's rules come from one table; a console route it does not name is closed to everyone
                ConsoleAccess.RULES.forEach(rule -> requests.requestMatchers(rule.matcher()).hasAnyRole(rule.roleNames()));
                requests.requestMatchers("/admin/**").denyAll()
                    .anyRequest().permitAll();
            })
            .authenticationManager(new ProviderManager(new NameLockingAuthenticationProvider(signIns, users, passwordEncoder)))
            .formLogin(form -> form
                .loginPage("/login")
                .successHandler(success)
                .failureHandler(failureHandler(signIns))
                .permitAll())
            .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout").permitAll())
            .sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId()))
            .headers(headers -> headers
                .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(new NegatedRequestMatcher(EDITOR_PAGES),
                        new ContentSecurityPolicyHeaderWriter(CONTENT_SECURITY_POLICY)))
                .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(EDITOR_PAGES,
                        new ContentSecurityPolicyHeaderWriter(EDITOR_CONTENT_SECURITY_POLICY)))
                .frameOptions(frame -> frame.deny())
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
                .permissionsPolicyHeader(permissions -> permissions.policy("camera=(), microphone=(), geolocation=()")));
        return http.build();
    }

    /**
     * The lock after repeated failures is checked first and by name, before anything about an account is looked up, so a
     * locked name is refused alike (and as fast) whether or not an account has it; a disabled account is reported only after
     * its password was right, so that a wrong password never tells a disabled account from an unknown one.
     */
    static final class NameLockingAuthenticationProvider implements AuthenticationProvider {

        private final SignIns signIns;
        private final DaoAuthenticationProvider passwords;

        NameLockingAuthenticationProvider(SignIns signIns, UserDetailsService users, PasswordEncoder encoder) {
            this.signIns = signIns;
            this.passwords = new DaoAuthenticationProvider(users);
            passwords.setPasswordEncoder(encoder);
            passwords.setPreAuthenticationChecks(user -> { });
            passwords.setPostAuthenticationChecks(new AccountStatusUserDetailsChecker());
        }

        @Override
        public Authentication authenticate(Authentication authentication) {
            if (signIns.isNameLocked(authentication.getName())) {
                throw new LockedException("locked");
            }
            return passwords.authenticate(authentication);
        }

        @Override
        public boolean supports(Class<?> authentication) {
            return passwords.supports(authentication);
        }
    }

    private static AuthenticationFailureHandler failureHandler(SignIns signIns) {
        return (HttpServletRequest request, HttpServletResponse response, AuthenticationException exception) -> {
            String username = request.getParameter("username");
            String outcome;
            if (exception instanceof LockedException) {
                signIns.recordRefusedLogin(username, "账户已锁定");
                outcome = "locked";
            } else if (exception instanceof DisabledException) {
                signIns.recordRefusedLogin(username, "账户已停用");
                outcome = "disabled";
            } else {
                outcome = signIns.recordFailedLogin(username) == SignIns.FailedLogin.LOCKED_NOW ? "locked" : "error";
            }
            response.sendRedirect(request.getContextPath() + "/login?" + outcome);
        };
    }

    /**
     * No observation around Spring Security's filters, authentications or authorizations: with observations only turned
     * off (management.observations.enable.spring.security=false) each of the fifteen filters was still wrapped in a no-op
     * observation on every request, 3.6 % of an uncached catalogue page's CPU (async-profiler, issue 19). The request as a
     * whole is still timed (http.server.requests).
     */
    @Bean
    static org.springframework.security.config.observation.SecurityObservationSettings securityObservationSettings() {
        return org.springframework.security.config.observation.SecurityObservationSettings.noObservations();
    }

    @Bean
    UserDetailsService userDetailsService(IdentityManagement identity) {
        return username -> identity.principal(username)
                .orElseThrow(() -> new UsernameNotFoundException("unknown account"));
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        // cost 11: about 0.1 s a check on the target machines, well above the cost-10 floor
        return new BCryptPasswordEncoder(11);
    }
}
