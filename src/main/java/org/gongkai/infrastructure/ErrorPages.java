package org.gongkai.infrastructure;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * Every error the servlet container dispatches (a 400 from a malformed parameter, 403, 404, 405, 413 from an oversize upload,
 * 429, 500, 503) answers a Chinese page in the layout of where it happened (console under /admin, the public site
 * elsewhere); a JSON endpoint or a client that asks for JSON gets {@code application/problem+json} (RFC 9457) instead.
 * Replaces Spring Boot's BasicErrorController, so no Whitelabel page and no exception text can reach anyone.
 */
@Controller
@RequestMapping("${server.error.path:/error}")
class ErrorPages implements ErrorController {

    /** Spring's converter registers the ProblemDetail mix-in: the properties are written at the top level, as RFC 9457 wants. */
    private static final JacksonJsonHttpMessageConverter PROBLEM_JSON = new JacksonJsonHttpMessageConverter();

    /** What a page says for one status; {@code argument} fills a {0} in the text (the upload limit for 413). */
    record ErrorView(int status, String titleKey, String textKey, String argument, boolean console, String requestId) {

        /** 5xx pages show the request id, so that the person can quote it to the operator who reads the log. */
        public boolean showsRequestId() {
            return status >= 500 && requestId != null;
        }
    }

    private static final List<Integer> OWN_TEXT = List.of(400, 403, 404, 405, 409, 410, 413, 429, 500, 503);

    private final MessageSource messages;
    private final String uploadLimit;

    ErrorPages(MessageSource messages, @Value("${spring.servlet.multipart.max-file-size:50MB}") String uploadLimit) {
        this.messages = messages;
        this.uploadLimit = uploadLimit;
    }

    @RequestMapping
    ModelAndView error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        // /error asked for directly is not an error of anything: it does not exist
        return render(request, response, code instanceof Integer c && c >= 400 && c <= 599 ? c : 404);
    }

    /**
     * Answers the request with the error: writes problem JSON and returns null, or returns the page to render. Also used
     * by {@link ErrorHandling} for the errors it answers itself, so that their pages need no second dispatch.
     */
    ModelAndView render(HttpServletRequest request, HttpServletResponse response, int status) throws IOException {
        String path = originalPath(request);
        ErrorView view = view(status, path.equals("/admin") || path.startsWith("/admin/"), response.getHeader("X-Request-Id"));
        response.setStatus(status);
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        if (wantsProblemJson(request, path)) {
            ProblemDetail problem = ProblemDetail.forStatus(status);
            problem.setTitle(messages.getMessage(view.titleKey(), null, WebConfiguration.CHINESE));
            problem.setDetail(messages.getMessage(view.textKey(), new Object[] {view.argument()}, WebConfiguration.CHINESE));
            instance(path).ifPresent(problem::setInstance);
            PROBLEM_JSON.write(problem, MediaType.APPLICATION_PROBLEM_JSON, new ServletServerHttpResponse(response));
            return null;
        }
        return new ModelAndView("error/page", Map.of("error", view), HttpStatusCode.valueOf(status));
    }

    /** The page for a status. */
    ErrorView view(int status, boolean console, String requestId) {
        int known = OWN_TEXT.contains(status) ? status : status >= 500 ? 500 : 0;
        String prefix = known == 0 ? "error.generic" : "error." + known;
        // a citizen meets 403 when a form's page has expired (CSRF); staff when a role is missing
        String text = status == 403 && console ? "error.403.console.text" : prefix + ".text";
        return new ErrorView(status, prefix + ".title", text, status == 413 ? uploadLimit : null, console, requestId);
    }

    private static String originalPath(HttpServletRequest request) {
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String path = uri instanceof String s ? s : request.getRequestURI();
        return path.substring(Math.min(request.getContextPath().length(), path.length()));
    }

    /**
     * JSON for the JSON endpoints ({@code *.json}, or a handler that declared it produces JSON) and for clients whose Accept
     * header prefers JSON to HTML; everyone else, browsers and {@code Accept: *}{@code /*} included, gets the page.
     */
    static boolean wantsProblemJson(HttpServletRequest request, String path) {
        if (path.endsWith(".json")) {
            return true;
        }
        if (request.getAttribute(HandlerMapping.PRODUCIBLE_MEDIA_TYPES_ATTRIBUTE) instanceof java.util.Collection<?> producible
                && !producible.isEmpty() && producible.stream().allMatch(t -> t instanceof MediaType m && isJson(m))) {
            return true;
        }
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        if (accept == null || accept.isBlank()) {
            return false;
        }
        try {
            List<MediaType> types = MediaType.parseMediaTypes(accept);
            org.springframework.util.MimeTypeUtils.sortBySpecificity(types);   // quality first, for media types
            for (MediaType type : types) {
                if (isJson(type)) {
                    return true;
                }
                if (type.isCompatibleWith(MediaType.TEXT_HTML) || type.isWildcardType()) {
                    return false;
                }
            }
        } catch (InvalidMediaTypeException e) {
            return false;
        }
        return false;
    }

    private static boolean isJson(MediaType type) {
        return !type.isWildcardType() && !type.isWildcardSubtype()
                && (type.getSubtype().equals("json") || type.getSubtype().endsWith("+json"));
    }

    private static java.util.Optional<URI> instance(String path) {
        try {
            return java.util.Optional.of(URI.create(path));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }
}
