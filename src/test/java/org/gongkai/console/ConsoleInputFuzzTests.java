package org.gongkai.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import java.beans.PropertyDescriptor;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.gongkai.AbstractIntegrationTest;
import org.gongkai.identity.Role;
import org.gongkai.identity.internal.ConsoleAccess;
import org.junit.jupiter.api.Test;
import org.springframework.beans.BeanUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Hostile input on every console route (issue #15, point 4, the console half of {@code PublicInputFuzzTests}): every mapped
 * {@code /admin} GET and POST route, read from the handler mappings so that a new one cannot be forgotten, is requested as an
 * account whose role {@link ConsoleAccess} allows for it, with CSRF, and each query parameter, form field and path variable in
 * turn gets NUL and control characters, 0, -1, huge numbers, letters, 5,000 characters, a bare '%', quotes and impossible
 * dates. Each request runs in a transaction that is rolled back, so nothing an allowed action does is kept. Nothing may answer
 * 5xx or show a Whitelabel page or exception text; control characters are refused with 400.
 */
class ConsoleInputFuzzTests extends AbstractIntegrationTest {

    private static final Pattern VARIABLE = Pattern.compile("\\{(\\w+)}");

    static final Map<Role, String> ACCOUNTS = Map.of(Role.CLERK, "clerk", Role.REVIEWER, "reviewer", Role.APPROVER, "approver",
            Role.SYSADMIN, "sysadmin", Role.SECADMIN, "secadmin", Role.AUDITOR, "auditor");

    /** Values bound as they are (MockMvc does not decode parameters), in every field at once. */
    static final List<String> HOSTILE = List.of("\u0000", "a\u0001b", "0", "%", "' or '1'='1\"", "99999-01-01", "x".repeat(5000));
    /** Sent in one field at a time. */
    static final List<String> ONE_AT_A_TIME = List.of("-1", "99999999999999999999", "abc", "2026-13-45");
    /** Path segments (percent-encoded where needed). */
    static final List<String> SEGMENTS = List.of("%00", "99999999999999999999", "abc", "%25%27%22", "x".repeat(5000));

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    PlatformTransactionManager transactions;

    private final Map<String, org.springframework.test.web.servlet.request.RequestPostProcessor> principals = new java.util.HashMap<>();

    record Route(HttpMethod method, String pattern, HandlerMethod handler) {
    }

    @Test
    void noHostileConsoleInputAnswers5xxOrAnythingButTheChinesePages() {
        TransactionTemplate rolledBack = new TransactionTemplate(transactions);
        List<String> failures = new ArrayList<>();
        int requests = 0;
        String only = System.getProperty("fuzz.only", "");
        for (Route route : consoleRoutes()) {
            if (!route.pattern().startsWith(only)) {
                continue;
            }
            String account = account(route);
            String path = fill(route.pattern(), Map.of());
            List<String> fields = fields(route);
            // every field at once with each value (the form re-shown with errors everywhere) ...
            for (String value : HOSTILE) {
                MockHttpServletRequestBuilder builder = request(route.method(), path);
                fields.forEach(field -> builder.param(field, value));
                check(failures, rolledBack, route, account, builder, "every field=" + abbreviate(value), controlCharacter(value));
                requests++;
            }
            // ... and each field alone with the values that fail conversion or range, the others absent
            for (String field : fields) {
                for (String value : ONE_AT_A_TIME) {
                    MockHttpServletRequestBuilder builder = request(route.method(), path).param(field, value);
                    check(failures, rolledBack, route, account, builder, field + "=" + abbreviate(value), controlCharacter(value));
                    requests++;
                }
            }
            Matcher variables = VARIABLE.matcher(route.pattern());
            while (variables.find()) {
                for (String segment : SEGMENTS) {
                    String hostilePath = fill(route.pattern(), Map.of(variables.group(1), segment));
                    MockHttpServletRequestBuilder builder = request(route.method(), java.net.URI.create(hostilePath));
                    check(failures, rolledBack, route, account, builder, "{" + variables.group(1) + "}=" + abbreviate(segment), false);
                    requests++;
                }
            }
        }
        assertThat(requests).as("requests sent").isGreaterThan(only.isEmpty() ? 2000 : 0);
        assertThat(failures).as("hostile console requests that were not answered properly").isEmpty();
    }

    /** A value the draft form cannot convert re-shows the form with the Chinese message next to the field, not a 500. */
    @Test
    void anUnconvertibleDateOnTheDraftFormIsShownNextToTheField() throws Exception {
        String page = new TransactionTemplate(transactions).execute(tx -> {
            tx.setRollbackOnly();
            try {
                return mvc.perform(request(HttpMethod.POST, "/admin/documents/new").with(as("clerk")).with(csrf())
                        .param("title", "测试").param("writtenOn", "2026-13-45").param("catalogueNodeId", "abc"))
                        .andReturn().getResponse().getContentAsString();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(page).contains("日期格式应为 年-月-日", "请选择或填写有效的数值");
    }

    private void check(List<String> failures, TransactionTemplate rolledBack, Route route, String account,
            MockHttpServletRequestBuilder builder, String what, boolean mustRefuse) {
        String where = route.method() + " " + route.pattern() + " as " + account + " " + what;
        MockHttpServletResponse response;
        try {
            response = rolledBack.execute(tx -> {
                tx.setRollbackOnly();
                try {
                    return mvc.perform(builder.with(principals.computeIfAbsent(account, this::as)).with(csrf()).header("Accept-Language", "zh-CN")
                            .accept("text/html")).andReturn().getResponse();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            failures.add(where + " → " + cause.getClass().getSimpleName() + ": " + abbreviate(String.valueOf(cause.getMessage())));
            return;
        }
        int status = response.getStatus();
        String body;
        try {
            body = response.getContentAsString();
        } catch (java.io.UnsupportedEncodingException e) {
            body = "";
        }
        if (status >= 500) {
            failures.add(where + " → " + status);
        } else if (body.contains("Whitelabel") || body.contains("Exception") || body.contains("at org.")) {
            failures.add(where + " → " + status + " (Whitelabel or exception text)");
        } else if (mustRefuse && status != 400) {
            failures.add(where + " → " + status + " (control characters, expected 400)");
        }
    }

    /** Every mapped console GET and POST route, with its handler. */
    List<Route> consoleRoutes() {
        Map<String, Route> routes = new TreeMap<>();
        mappings.getHandlerMethods().forEach((info, handler) -> {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                if (!pattern.equals("/admin") && !pattern.startsWith("/admin/")) {
                    continue;
                }
                if (methods.isEmpty() || methods.contains(RequestMethod.GET)) {
                    routes.put(pattern + " GET", new Route(HttpMethod.GET, pattern, handler));
                }
                if (methods.contains(RequestMethod.POST)) {
                    routes.put(pattern + " POST", new Route(HttpMethod.POST, pattern, handler));
                }
            }
        });
        assertThat(routes).hasSizeGreaterThan(60);
        return List.copyOf(routes.values());
    }

    /** An account whose role the table allows on the route. */
    String account(Route route) {
        Set<Role> allowed = ConsoleAccess.allowed(new MockHttpServletRequest(route.method().name(), fill(route.pattern(), Map.of())))
                .orElseThrow(() -> new AssertionError("ConsoleAccess names no rule for " + route));
        return ACCOUNTS.get(allowed.stream().sorted().findFirst().orElseThrow());
    }

    /** The request parameters and the properties of form objects the handler binds, and one it does not know. */
    static List<String> fields(Route route) {
        Set<String> fields = new LinkedHashSet<>();
        for (MethodParameter parameter : route.handler().getMethodParameters()) {
            Class<?> type = parameter.getParameterType();
            RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
            if (param != null) {
                if (!MultipartFile.class.isAssignableFrom(type) && !Map.class.isAssignableFrom(type)) {
                    fields.add(!param.name().isEmpty() ? param.name() : !param.value().isEmpty() ? param.value()
                            : parameter.getParameter().getName());
                }
            } else if (type.getName().startsWith("org.gongkai") && !parameter.hasParameterAnnotation(PathVariable.class)
                    && !type.getSimpleName().endsWith("Principal") && !type.isEnum()) {
                if (type.isRecord()) {
                    for (var component : type.getRecordComponents()) {
                        fields.add(component.getName());
                    }
                } else {
                    for (PropertyDescriptor property : BeanUtils.getPropertyDescriptors(type)) {
                        if (property.getWriteMethod() != null) {
                            fields.add(property.getName());
                        }
                    }
                }
            }
        }
        fields.add("unknown");
        return List.copyOf(fields);
    }

    /** The pattern with the given segments, and elsewhere values that name nothing. */
    static String fill(String pattern, Map<String, String> given) {
        Matcher m = VARIABLE.matcher(pattern);
        StringBuilder path = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value = given.containsKey(name) ? given.get(name) : switch (name) {
                case "code" -> "ZZZZZZ";
                case "type" -> "NOSUCH";
                case "year" -> "1999";
                default -> "987654321";
            };
            m.appendReplacement(path, Matcher.quoteReplacement(value));
        }
        m.appendTail(path);
        return path.toString();
    }

    static boolean controlCharacter(String value) {
        return value.chars().anyMatch(c -> c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f);
    }

    static String abbreviate(String value) {
        String visible = value.chars().mapToObj(c -> c < 0x20 || c == 0x7f ? String.format("\\u%04x", c) : String.valueOf((char) c))
                .collect(java.util.stream.Collectors.joining());
        return visible.length() > 60 ? visible.substring(0, 60) + "…" : visible;
    }
}
