package org.gongkai.infrastructure;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.util.matcher.IpAddressMatcher;

/**
 * The actuator for the operator: health (with liveness and readiness) is open to everyone, for the load balancer; every
 * other endpoint (metrics, prometheus, info) answers only a request from an allowed address
 * ({@code GONGKAI_METRICS_ALLOWED}, comma-separated addresses or CIDR ranges, default loopback) or one that carries the
 * operator's token ({@code Authorization: Bearer $GONGKAI_METRICS_TOKEN}); anything else gets 403. Behind nginx the
 * address is the client's ({@code X-Forwarded-For}, trusted from a local proxy under the prod profile).
 */
@Configuration(proxyBeanMethods = false)
class OperatorEndpoints {

    @Bean
    @Order(1)
    SecurityFilterChain actuatorFilterChain(HttpSecurity http,
                                            @Value("${gongkai.metrics.allowed-addresses:127.0.0.1/8,::1/128}") List<String> allowed,
                                            @Value("${gongkai.metrics.token:}") String token) throws Exception {
        List<IpAddressMatcher> addresses = allowed.stream().map(String::strip).filter(a -> !a.isEmpty())
                .map(IpAddressMatcher::new).toList();
        byte[] expected = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
        AuthorizationManager<RequestAuthorizationContext> operator = (authentication, context) -> {
            HttpServletRequest request = context.getRequest();
            String address = request.getRemoteAddr();
            boolean fromAllowed = addresses.stream().anyMatch(m -> m.matches(address));
            String header = request.getHeader("Authorization");
            boolean withToken = !token.isBlank() && header != null
                    && MessageDigest.isEqual(expected, header.strip().getBytes(StandardCharsets.UTF_8));
            return new AuthorizationDecision(fromAllowed || withToken);
        };
        http.securityMatcher("/actuator/**")
            .authorizeHttpRequests(requests -> requests
                .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                .anyRequest().access(operator))
            .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
            .requestCache(cache -> cache.disable())
            .securityContext(context -> context.requireExplicitSave(true))
            .csrf(csrf -> csrf.disable())
            .exceptionHandling(errors -> errors.authenticationEntryPoint((request, response, denied) -> response.sendError(403)));
        return http.build();
    }
}
