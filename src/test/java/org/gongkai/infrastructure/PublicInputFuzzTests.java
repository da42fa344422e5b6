package org.gongkai.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Parameter;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.gongkai.AbstractIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Hostile input on every public GET route, read from the handler mappings so that a new route cannot be forgotten: each
 * request parameter (and one the route does not know) gets NUL and other control characters, 0, -1, huge numbers, letters,
 * 5,000 characters, a bare '%', quotes and markup. Nothing may answer 5xx or show a Whitelabel page; every error is the
 * Chinese page (or problem JSON on JSON endpoints); and what is malformed for the parameter (a control character, not a
 * number where one is expected, outside its declared range or length) answers the Chinese 400 page.
 */
class PublicInputFuzzTests extends AbstractIntegrationTest {

    private static final Pattern VARIABLE = Pattern.compile("\\{(\\w+)}");

    /** Values sent percent-encoded, so that the application receives exactly these characters. */
    private static final List<String> HOSTILE = List.of("\u0000", "a\u0001b", "\u001f", "x\u007f", "0", "-1", "2147483648",
            "99999999999999999999", "99999", "1e9", "abc", "", " ", "%", "'", "\"", "' or '1'='1", "<script>alert(1)</script>",
            "../../etc/passwd", "疫苗", "\uD83D\uDE00", "x".repeat(5000));
    /** Sent raw: malformed percent-encoding. */
    private static final List<String> RAW = List.of("%", "%zz", "%00", "%C0%AF", "%FF");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mappings;

    record Response(int status, String contentType, String body) {
    }

    @Test
    void noPublicParameterValueAnswers5xxOrAnythingButTheChinesePages() throws Exception {
        Map<String, String> values = pathValues();
        List<String> failures = new ArrayList<>();
        int requests = 0;
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : publicGetRoutes().entrySet()) {
            HandlerMethod handler = entry.getValue();
            List<RequestParamInfo> parameters = requestParameters(handler);
            for (String pattern : entry.getKey().getPatternValues()) {
                String path = fill(pattern, values);
                for (RequestParamInfo parameter : parameters) {
                    for (String value : HOSTILE) {
                        String query = parameter.name() + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
                        Response response = get(path + "?" + query);
                        requests++;
                        check(failures, path, query, response, parameter.mustRefuse(value));
                    }
                    for (String raw : RAW) {
                        Response response = get(path + "?" + parameter.name() + "=" + raw);
                        requests++;
                        check(failures, path, parameter.name() + "=" + raw, response, raw.equals("%00") || (raw.contains("%") && parameter.numeric()) ? true : null);
                    }
                }
                // a parameter the route does not read: harmless, unless it carries control characters
                check(failures, path, "unknown=%00", get(path + "?unknown=%00"), true);
                check(failures, path, "unknown=abc", get(path + "?unknown=abc"), null);
                requests += 2;
            }
        }
        assertThat(requests).as("requests sent").isGreaterThan(500);
        assertThat(failures).as("hostile public requests that were not answered properly").isEmpty();
    }

    /**
     * The same values in place of each path variable (the others keep their real values), and some raw malformed segments:
     * whatever answers, the application (404, 400) or Tomcat itself (an encoded NUL or slash), it is a Chinese page.
     */
    @Test
    void hostilePathSegmentsAnswerChinesePagesAndNeverAServerError() throws Exception {
        Map<String, String> values = pathValues();
        List<String> failures = new ArrayList<>();
        int requests = 0;
        for (RequestMappingInfo info : publicGetRoutes().keySet()) {
            for (String pattern : info.getPatternValues()) {
                Matcher variables = VARIABLE.matcher(pattern);
                while (variables.find()) {
                    String placeholder = variables.group();
                    String filledOthers = fill(pattern.replace(placeholder, "HOSTILE"), values);
                    List<String> segments = new ArrayList<>();
                    HOSTILE.stream().filter(v -> !v.isEmpty())
                            .forEach(v -> segments.add(URLEncoder.encode(v, StandardCharsets.UTF_8).replace("+", "%20")));
                    segments.addAll(List.of("%", "%zz", "%2e%2e", "..", "%2F", "a%2Fb", "%5C", ";x=1"));
                    for (String segment : segments) {
                        String path = filledOthers.replace("HOSTILE", segment);
                        check(failures, path, "", get(path), null);
                        requests++;
                    }
                }
            }
        }
        assertThat(requests).as("requests sent").isGreaterThan(100);
        assertThat(failures).as("hostile path segments that were not answered properly").isEmpty();
    }

    /**
     * The public forms (POST routes outside the console, read from the mappings): each field, one at a time, gets every
     * hostile value while the declaration stays unticked, so nothing is ever submitted and no throttle is spent (each request
     * comes from its own address). Nothing may fail with a server error; control characters are refused with 400.
     */
    @Test
    void hostileFormFieldsOnThePublicFormsNeverCauseAServerError() throws Exception {
        List<String> failures = new ArrayList<>();
        int requests = 0;
        int address = 1;
        Map<String, String> values = pathValues();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mappings.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = entry.getKey();
            boolean post = info.getMethodsCondition().getMethods().contains(RequestMethod.POST);
            boolean isPublic = info.getPatternValues().stream().noneMatch(p -> p.startsWith("/admin") || p.startsWith("/error"));
            if (!post || !isPublic) {
                continue;
            }
            List<String> fields = formFields(entry.getValue());
            for (String pattern : info.getPatternValues()) {
                for (String field : fields) {
                    for (String value : HOSTILE) {
                        String remote = "10.77." + (address / 250) + "." + (address % 250 + 1);
                        address++;
                        var request = org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(fill(pattern, values))
                                .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf())
                                .with(r -> {
                                    r.setRemoteAddr(remote);
                                    return r;
                                })
                                .param(field, value);
                        int status;
                        try {
                            status = mvc.perform(request).andReturn().getResponse().getStatus();
                        } catch (Exception e) {
                            failures.add("POST " + pattern + " " + field + "=" + abbreviate(value) + " → " + e);
                            continue;
                        }
                        requests++;
                        if (status >= 500 || (InputGuard.hasControlCharacter(value) && status != 400)) {
                            failures.add("POST " + pattern + " " + field + "=" + abbreviate(value) + " → " + status);
                        }
                    }
                }
            }
        }
        assertThat(requests).as("form requests sent").isGreaterThan(200);
        assertThat(failures).as("hostile form fields that were not answered properly").isEmpty();
    }

    /** The request parameters and the components of record form objects a handler binds; never the declaration. */
    private static List<String> formFields(HandlerMethod handler) {
        List<String> fields = new ArrayList<>();
        for (var methodParameter : handler.getMethodParameters()) {
            Class<?> type = methodParameter.getParameterType();
            RequestParam param = methodParameter.getParameterAnnotation(RequestParam.class);
            if (param != null && !org.springframework.web.multipart.MultipartFile.class.isAssignableFrom(type)) {
                fields.add(!param.name().isEmpty() ? param.name() : !param.value().isEmpty() ? param.value()
                        : methodParameter.getParameter().getName());
            } else if (type.isRecord() && methodParameter.hasParameterAnnotation(
                    org.springframework.web.bind.annotation.ModelAttribute.class)) {
                for (var component : type.getRecordComponents()) {
                    if (!component.getName().equals("declaration")) {
                        fields.add(component.getName());
                    }
                }
            }
        }
        return fields;
    }

    private static String abbreviate(String value) {
        String visible = value.chars().mapToObj(c -> c < 0x20 || c == 0x7f ? String.format("\\u%04x", c) : String.valueOf((char) c))
                .collect(java.util.stream.Collectors.joining());
        return visible.length() > 40 ? visible.substring(0, 40) + "…" : visible;
    }

    /**
     * @param mustRefuse true: must be the Chinese 400; false: must not be 400 (a valid value); null: any status below 500.
     */
    private static void check(List<String> failures, String path, String query, Response response, Boolean mustRefuse) {
        String target = path + (query.isEmpty() ? "" : "?" + query);
        String where = (target.length() > 120 ? target.substring(0, 120) + "…" : target) + " → " + response.status();
        if (response.status() >= 500) {
            failures.add(where + " (server error)");
            return;
        }
        if (response.body().contains("Whitelabel") || response.body().contains("Exception") || response.body().contains("at org.")) {
            failures.add(where + " (Whitelabel or exception text)");
            return;
        }
        if (response.status() >= 400) {
            boolean problemJson = response.contentType().startsWith("application/problem+json");
            boolean chinesePage = response.contentType().startsWith("text/html") && response.body().contains("lang=\"zh-CN\"");
            if (!problemJson && !chinesePage) {
                failures.add(where + " (not the Chinese error page: " + response.contentType() + ")");
                return;
            }
        }
        if (Boolean.TRUE.equals(mustRefuse) && (response.status() != 400 || !response.body().contains("请求有误"))) {
            failures.add(where + " (malformed, expected the Chinese 400 page)");
        }
    }

    /** GET routes outside the console (and not the error page itself), as the application maps them. */
    private Map<RequestMappingInfo, HandlerMethod> publicGetRoutes() {
        Map<RequestMappingInfo, HandlerMethod> routes = new TreeMap<>(java.util.Comparator.comparing(RequestMappingInfo::toString));
        mappings.getHandlerMethods().forEach((info, handler) -> {
            boolean get = info.getMethodsCondition().getMethods().isEmpty()
                    || info.getMethodsCondition().getMethods().contains(RequestMethod.GET);
            boolean isPublic = info.getPatternValues().stream().noneMatch(p -> p.equals("/admin") || p.startsWith("/admin/")
                    || p.startsWith("/error"));
            if (get && isPublic) {
                routes.put(info, handler);
            }
        });
        assertThat(routes.keySet().stream().flatMap(i -> i.getPatternValues().stream()))
                .as("the public routes found").contains("/", "/catalogue/{code}", "/search", "/items/{id}", "/items/{id}/data.csv",
                        "/requests/track", "/q/{code}", "/data.json");
        return routes;
    }

    record RequestParamInfo(String name, Class<?> type, Long min, Long max, Integer maxLength) {

        boolean numeric() {
            return type == int.class || type == Integer.class || type == long.class || type == Long.class;
        }

        /** Whether Spring (or the declared constraints, or the control-character guard) must refuse the value. */
        Boolean mustRefuse(String value) {
            if (InputGuard.hasControlCharacter(value)) {
                return true;
            }
            if (numeric()) {
                if (value.isBlank()) {
                    return null;   // absent: the default applies, or a missing-parameter 400
                }
                long number;
                try {
                    number = type == int.class || type == Integer.class ? Integer.parseInt(value.strip()) : Long.parseLong(value.strip());
                } catch (NumberFormatException e) {
                    return true;
                }
                return (min != null && number < min) || (max != null && number > max) ? true : null;
            }
            if (type.isEnum()) {
                if (value.isBlank()) {
                    return null;
                }
                return java.util.Arrays.stream(type.getEnumConstants()).noneMatch(c -> ((Enum<?>) c).name().equals(value.strip()))
                        ? true : null;
            }
            if (maxLength != null && value.length() > maxLength) {
                return true;
            }
            return null;
        }
    }

    private static List<RequestParamInfo> requestParameters(HandlerMethod handler) {
        List<RequestParamInfo> parameters = new ArrayList<>();
        for (var methodParameter : handler.getMethodParameters()) {
            RequestParam param = methodParameter.getParameterAnnotation(RequestParam.class);
            if (param == null) {
                continue;
            }
            Parameter p = methodParameter.getParameter();
            String name = !param.name().isEmpty() ? param.name() : !param.value().isEmpty() ? param.value() : p.getName();
            Min min = AnnotatedElementUtils.findMergedAnnotation(p, Min.class);
            Max max = AnnotatedElementUtils.findMergedAnnotation(p, Max.class);
            Size size = AnnotatedElementUtils.findMergedAnnotation(p, Size.class);
            parameters.add(new RequestParamInfo(name, p.getType(), min == null ? null : min.value(), max == null ? null : max.value(),
                    size == null ? null : size.max()));
        }
        return parameters;
    }

    /** Real values for every path variable of the public routes, from the demo data; an unknown variable fails the test. */
    private Map<String, String> pathValues() {
        Map<String, String> values = new LinkedHashMap<>();
        String live = "select d.document_id from public_document d join publication_snapshot s on s.id = d.current_snapshot_id "
                + "where d.status = 'LIVE' ";
        values.put("id", jdbc.queryForObject(live + "order by d.document_id limit 1", String.class));
        values.put("id@data", jdbc.queryForObject(live + "and jsonb_array_length(s.tables) > 0 order by d.document_id limit 1", String.class));
        Map<String, Object> attached = jdbc.queryForMap("select d.document_id, s.attachments -> 0 ->> 'name' as name from public_document d "
                + "join publication_snapshot s on s.id = d.current_snapshot_id where d.status = 'LIVE' "
                + "and jsonb_array_length(s.attachments) > 0 order by d.document_id limit 1");
        values.put("id@attachments", (String) attached.get("document_id"));
        values.put("number", "1");
        values.put("filename", (String) attached.get("name"));
        values.put("code@catalogue", jdbc.queryForObject(live.replace("d.document_id", "s.catalogue_code") + "limit 1", String.class));
        values.put("code@q", jdbc.queryForObject("select code from qr_code where not retired order by id limit 1", String.class));
        // the consultation that closed first: hostile comments posted to it are refused (closed), so nothing is stored
        values.put("id@consultations", jdbc.queryForObject("select d.public_id from consultation c join document d on d.id = c.document_id "
                + "join public_document p on p.document_id = d.public_id where p.status = 'LIVE' order by c.closes_on, c.id limit 1", String.class));
        values.put("id@questions", jdbc.queryForObject("select min(id)::text from question where published_at is not null", String.class));
        return values;
    }

    private static String fill(String pattern, Map<String, String> values) {
        Matcher m = VARIABLE.matcher(pattern);
        StringBuilder path = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String segment = pattern.split("/").length > 1 ? pattern.split("/")[1] : "";
            String value = values.getOrDefault(name + "@" + (pattern.contains("/data.") ? "data" : pattern.contains("/attachments/")
                    ? "attachments" : segment), values.get(name));
            assertThat(value).as("a demo value for {" + name + "} in " + pattern + " (add it to pathValues)").isNotNull();
            m.appendReplacement(path, Matcher.quoteReplacement(URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20")));
        }
        m.appendTail(path);
        return path.toString();
    }

    /** HTTP/1.0 over a plain socket: sends the request target exactly as given, malformed escapes included. */
    private Response get(String target) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + target + " HTTP/1.0\r\nHost: localhost\r\nAccept: text/html,application/xhtml+xml,*/*;q=0.8\r\n"
                    + "Accept-Language: zh-CN\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            in.transferTo(bytes);
            String raw = bytes.toString(StandardCharsets.UTF_8);
            int headerEnd = raw.indexOf("\r\n\r\n");
            String head = headerEnd < 0 ? raw : raw.substring(0, headerEnd);
            String body = headerEnd < 0 ? "" : raw.substring(headerEnd + 4);
            int status = Integer.parseInt(head.substring(9, 12));
            String contentType = "";
            for (String line : head.split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-type:")) {
                    contentType = line.substring(13).strip();
                }
            }
            return new Response(status, contentType, body);
        }
    }
}
