package org.gongkai.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.gongkai.AbstractIntegrationTest;
import org.gongkai.identity.internal.ConsoleAccess;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Authorisation by rule, checked (issue #15, point 5): every console route the application maps, read from the handler
 * mappings so that a new one cannot be left out, is requested as each demo account (one role each), and the answer must be
 * what {@link ConsoleAccess} says: 403 where the role is not in the route's rule, anything but 403 where it is. Ids in paths
 * name nothing, and each request runs in a transaction that is rolled back, so allowed actions change nothing.
 */
class ConsoleAccessTests extends AbstractIntegrationTest {

    static final Map<String, Role> ACCOUNTS = Map.of("clerk", Role.CLERK, "reviewer", Role.REVIEWER, "approver", Role.APPROVER,
            "sysadmin", Role.SYSADMIN, "secadmin", Role.SECADMIN, "auditor", Role.AUDITOR);

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    PlatformTransactionManager transactions;

    record Route(HttpMethod method, String pattern) {

        /** The pattern with each variable replaced by a value that names nothing. */
        String path() {
            return pattern.replaceAll("\\{code}", "ZZZZZZ").replaceAll("\\{type}", "NOSUCH").replaceAll("\\{year}", "1999")
                    .replaceAll("\\{[^}]+}", "987654321");
        }
    }

    List<Route> consoleRoutes() {
        Set<Route> routes = new java.util.LinkedHashSet<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                if (!pattern.equals("/admin") && !pattern.startsWith("/admin/")) {
                    continue;
                }
                if (methods.isEmpty()) {
                    routes.add(new Route(HttpMethod.GET, pattern));
                }
                methods.forEach(m -> routes.add(new Route(HttpMethod.valueOf(m.name()), pattern)));
            }
        }
        return routes.stream().sorted(java.util.Comparator.comparing(Route::pattern).thenComparing(r -> r.method().name())).toList();
    }

    Set<Role> expected(Route route) {
        MockHttpServletRequest request = new MockHttpServletRequest(route.method().name(), route.path());
        return ConsoleAccess.allowed(request).orElse(Set.of());
    }

    @Test
    void everyConsoleRouteIsNamedByTheTable() {
        List<Route> routes = consoleRoutes();
        assertThat(routes).hasSizeGreaterThan(60);
        List<String> unnamed = routes.stream()
                .filter(r -> ConsoleAccess.allowed(new MockHttpServletRequest(r.method().name(), r.path())).isEmpty())
                .map(r -> r.method() + " " + r.pattern()).toList();
        assertThat(unnamed).as("console routes that ConsoleAccess does not name (closed to everyone)").isEmpty();
    }

    @Test
    void everyTableRuleNamesAMappedRoute() {
        List<Route> routes = consoleRoutes();
        List<String> dead = ConsoleAccess.RULES.stream()
                .filter(rule -> routes.stream().noneMatch(r -> rule.matcher().matches(new MockHttpServletRequest(r.method().name(), r.path()))))
                .map(rule -> rule.method() + " " + rule.pattern()).toList();
        assertThat(dead).as("rules that match no mapped route").isEmpty();
    }

    @Test
    void everyRoleGetsWhatTheTableSaysOnEveryConsoleRoute() {
        TransactionTemplate rolledBack = new TransactionTemplate(transactions);
        List<String> wrong = new ArrayList<>();
        Set<String> serverErrors = new TreeSet<>();
        int requests = 0;
        for (Route route : consoleRoutes()) {
            Set<Role> allowed = expected(route);
            for (var account : ACCOUNTS.entrySet()) {
                MvcResult result = rolledBack.execute(tx -> {
                    tx.setRollbackOnly();
                    try {
                        return mvc.perform(request(route.method(), route.path()).with(as(account.getKey())).with(csrf())).andReturn();
                    } catch (Exception e) {
                        throw new IllegalStateException(route + " as " + account.getKey(), e);
                    }
                });
                requests++;
                int status = result.getResponse().getStatus();
                boolean refused = status == 403 || String.valueOf(result.getResponse().getRedirectedUrl()).contains("/login");
                if (refused == allowed.contains(account.getValue())) {
                    wrong.add(route.method() + " " + route.pattern() + " as " + account.getKey() + ": " + status
                            + (allowed.contains(account.getValue()) ? " (the table allows it)" : " (the table refuses it)"));
                }
                if (status >= 500) {
                    serverErrors.add(route.method() + " " + route.pattern() + " as " + account.getKey());
                }
            }
        }
        assertThat(requests).isGreaterThan(60 * ACCOUNTS.size());
        if (!serverErrors.isEmpty()) {
            System.out.println("ConsoleAccessTests: 5xx (not this test's subject) on " + serverErrors);
        }
        assertThat(wrong).as("answers that differ from ConsoleAccess").isEmpty();
    }

    @Test
    void theConsoleNavigationLinksEachRoleOnlyToPagesTheTableAllowsIt() throws Exception {
        for (var account : ACCOUNTS.entrySet()) {
            String home = mvc.perform(request(HttpMethod.GET, "/admin").with(as(account.getKey()))).andReturn().getResponse()
                    .getContentAsString();
            var links = java.util.regex.Pattern.compile("href=\"(/admin[^\"?#]*)").matcher(home).results()
                    .map(m -> m.group(1)).distinct().toList();
            assertThat(links).as(account.getKey() + "'s console links").isNotEmpty();
            for (String link : links) {
                assertThat(ConsoleAccess.allowed(new MockHttpServletRequest("GET", link)).orElse(Set.of()))
                        .as(account.getKey() + " is shown a link to " + link).contains(account.getValue());
            }
        }
    }

    @Test
    void theComplianceExportIsRefusedToEveryRoleTheDashboardIsRefusedTo() throws Exception {
        for (String account : List.of("clerk", "secadmin", "auditor")) {
            mvc.perform(request(HttpMethod.GET, "/admin/compliance.xlsx").with(as(account)))
                    .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status().isForbidden());
        }
        mvc.perform(request(HttpMethod.GET, "/admin/compliance.xlsx").with(as("reviewer")))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status().isOk());
    }
}
