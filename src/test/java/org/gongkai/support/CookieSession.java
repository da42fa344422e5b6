package org.gongkai.support;

import jakarta.servlet.http.Cookie;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * A browser-like session for MockMvc: sessions live in PostgreSQL (Spring Session) and are found by the SESSION cookie,
 * so a sign-in over several requests carries the cookie, renewed whenever the answer sets a new one.
 */
public final class CookieSession {

    private final MockMvc mvc;
    private Cookie cookie;

    public CookieSession(MockMvc mvc) {
        this.mvc = mvc;
    }

    public ResultActions perform(RequestBuilder request) throws Exception {
        if (cookie != null && request instanceof MockHttpServletRequestBuilder builder) {
            builder.cookie(cookie);
        }
        ResultActions result = mvc.perform(request);
        Cookie renewed = result.andReturn().getResponse().getCookie("SESSION");
        if (renewed != null) {
            cookie = renewed;
        }
        return result;
    }
}
