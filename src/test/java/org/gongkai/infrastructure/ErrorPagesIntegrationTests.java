package org.gongkai.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.gongkai.AbstractIntegrationTest;
import org.gongkai.support.TestAccounts;
import org.junit.jupiter.api.Test;

/**
 * Through the real server (MockMvc does not dispatch to the error page): every error is a Chinese page in the layout of
 * where it happened, JSON endpoints and JSON clients get problem JSON, and nothing shows Spring's Whitelabel page.
 */
class ErrorPagesIntegrationTests extends AbstractIntegrationTest {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

    @Test
    void malformedParametersAnswerTheChinese400PageOnThePublicLayout() throws Exception {
        for (String path : new String[] {"/catalogue/jdzf-sjs?page=abc", "/search?q=%E7%96%AB%E8%8B%97&year=abc",
                "/catalogue/ggws?year=0", "/catalogue/ggws?year=-1", "/catalogue/ggws?year=99999", "/catalogue/ggws?topic=%00",
                "/catalogue/ggws?genre=%00", "/catalogue/ggws?department=%00", "/items/anything/data.csv?table=abc",
                "/catalogue/ggws?validity=NOPE"}) {
            HttpResponse<String> response = get(path, BROWSER);
            assertThat(response.statusCode()).as(path).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).as(path).startsWith("text/html");
            assertThat(response.body()).as(path).contains("lang=\"zh-CN\"", "<title>请求有误", "网址或提交的内容中有无法识别的参数",
                    "class=\"site-header\"", "返回首页").doesNotContain("Whitelabel", "Bad Request", "Exception", "timestamp");
        }
    }

    @Test
    void whatTomcatRefusesBeforeTheApplicationIsAChinesePageToo() throws Exception {
        for (String path : new String[] {"/catalogue/%00", "/items/a%2Fb", "/q/%5C"}) {
            HttpResponse<String> response = get(path, BROWSER);
            assertThat(response.statusCode()).as(path).isBetween(400, 499);
            assertThat(response.body()).as(path).contains("lang=\"zh-CN\"").doesNotContain("HTTP Status", "Whitelabel", "Tomcat");
        }
    }

    @Test
    void aNulInTheTrackingNumberIsRefusedWith400NotAServerError() throws Exception {
        String token = csrf("/requests/track");
        HttpResponse<String> response = post("/requests/track", "_csrf=" + enc(token) + "&number=2026%00x&code=abc");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("请求有误");
    }

    @Test
    void aMethodTheRouteDoesNotTakeAnswers405InChinese() throws Exception {
        String token = csrf("/requests/track");
        HttpResponse<String> page = post("/catalogue", "_csrf=" + enc(token));
        assertThat(page.statusCode()).isEqualTo(405);
        assertThat(page.body()).contains("lang=\"zh-CN\"", "不支持该访问方式").doesNotContain("Whitelabel");
        HttpResponse<String> json = post("/data.json", "_csrf=" + enc(token));
        assertThat(json.statusCode()).isEqualTo(405);
        assertThat(json.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(json.body()).contains("\"status\":405", "\"title\":\"不支持该访问方式\"", "\"instance\":\"/data.json\"");
    }

    @Test
    void anOversizeUploadAnswersTheChinese413PageWithTheLimit() throws Exception {
        String token = csrf("/requests/new");
        String boundary = "----gongkai" + System.nanoTime();
        long size = 51L * 1024 * 1024;   // above the 50 MB per file
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + token + "\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"proofFile\"; filename=\"big.pdf\"\r\nContent-Type: application/pdf\r\n\r\n";
        String tail = "\r\n--" + boundary + "--\r\n";
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + "/requests/new"))
                .header("Accept", BROWSER).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(BodyPublishers.concat(BodyPublishers.ofString(head),
                        BodyPublishers.ofInputStream(() -> zeros(size)),
                        BodyPublishers.ofString(tail)))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("lang=\"zh-CN\"", "文件太大", "50MB").doesNotContain("Whitelabel");
    }

    @Test
    void jsonClientsAndJsonEndpointsGetProblemJson() throws Exception {
        HttpResponse<String> asked = get("/catalogue/ggws?year=0", "application/json");
        assertThat(asked.statusCode()).isEqualTo(400);
        assertThat(asked.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(asked.body()).contains("\"title\":\"请求有误\"", "\"status\":400", "\"instance\":\"/catalogue/ggws\"")
                .doesNotContain("timestamp", "trace", "exception");
        HttpResponse<String> endpoint = get("/items/no-such-item/data.json", BROWSER);
        assertThat(endpoint.statusCode()).isEqualTo(404);
        assertThat(endpoint.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(endpoint.body()).contains("\"title\":\"页面不存在\"");
        HttpResponse<String> curl = get("/no/such/page", "*/*");
        assertThat(curl.headers().firstValue("Content-Type").orElse("")).as("Accept */* gets the page").startsWith("text/html");
    }

    @Test
    void consoleErrorsUseTheConsoleLayout() throws Exception {
        String clerk = TestAccounts.create(jdbc, "疾病预防控制科", "CLERK");
        String token = csrf("/login");
        HttpResponse<String> signedIn = post("/login", "_csrf=" + enc(token) + "&username=" + clerk + "&password="
                + enc(TestAccounts.PASSWORD));
        assertThat(signedIn.statusCode()).isEqualTo(302);

        HttpResponse<String> missing = get("/admin/documents/999999999", BROWSER);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("class=\"admin-header\"", "页面不存在", "返回工作台").doesNotContain("site-header");
        HttpResponse<String> forbidden = get("/admin/users", BROWSER);
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(forbidden.body()).contains("class=\"admin-header\"", "没有访问权限", "请联系安全管理员");
        HttpResponse<String> malformed = get("/admin/documents/abc", BROWSER);
        assertThat(malformed.statusCode()).isIn(400, 404);
        assertThat(malformed.body()).contains("class=\"admin-header\"").doesNotContain("Whitelabel");
    }

    @Test
    void everyStatusHasItsTextInTheBundle() {
        ErrorPages pages = new ErrorPages(null, "50MB");
        java.util.Properties bundle = new java.util.Properties();
        try (var reader = java.nio.file.Files.newBufferedReader(java.nio.file.Path.of("src/main/resources/messages.properties"))) {
            bundle.load(reader);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        for (int status = 400; status <= 599; status++) {
            for (boolean console : new boolean[] {false, true}) {
                ErrorPages.ErrorView view = pages.view(status, console, null);
                assertThat(bundle).as(status + " title").containsKey(view.titleKey());
                assertThat(bundle).as(status + " text").containsKey(view.textKey());
            }
        }
    }

    private static InputStream zeros(long size) {
        return new InputStream() {
            private long left = size;

            @Override
            public int read() {
                return left-- > 0 ? 0 : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                java.util.Arrays.fill(b, off, off + n, (byte) 0);
                left -= n;
                return n;
            }
        };
    }

    private String csrf(String path) throws Exception {
        Matcher m = CSRF.matcher(get(path, BROWSER).body());
        assertThat(m.find()).as("a CSRF token on " + path).isTrue();
        return m.group(1);
    }

    private HttpResponse<String> get(String path, String accept) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).header("Accept", accept).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String form) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).header("Accept", BROWSER)
                .header("Content-Type", "application/x-www-form-urlencoded").POST(BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
