package org.gongkai.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import org.gongkai.AbstractIntegrationTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.test.web.servlet.MvcResult;

/**
 * One CSP for the whole site; the edition form alone (where the rich-text editor runs) also allows the one hashed inline
 * style TinyMCE needs. Neither allows inline scripts or arbitrary inline styles.
 */
class ContentSecurityPolicyIntegrationTests extends AbstractIntegrationTest {

    static final String SITE = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
            + "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    @ParameterizedTest
    @ValueSource(strings = {"/", "/login", "/admin", "/admin/documents", "/admin/documents/new/x", "/admin/matters"})
    void everyOtherPageKeepsTheSitePolicy(String path) throws Exception {
        MvcResult result = mvc.perform(get(path).with(as("clerk"))).andReturn();
        assertThat(result.getResponse().getHeader("Content-Security-Policy")).isEqualTo(SITE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/admin/documents/new", "/admin/documents/1/edit"})
    void theEditionFormAllowsOnlyTheEditorsHashedStyle(String path) throws Exception {
        String policy = mvc.perform(get(path).with(as("clerk"))).andReturn().getResponse().getHeader("Content-Security-Policy");
        assertThat(policy).isEqualTo(SITE.replace("style-src 'self';",
                "style-src 'self' 'unsafe-hashes' 'sha256-BSTKIYoPCaklkJ9YS/ZVYuKW8e+DG8jZJCXznBzHjgg=';"));
        assertThat(policy).contains("script-src 'self';").doesNotContain("unsafe-inline", "unsafe-eval");
    }

    @org.junit.jupiter.api.Test
    void theFormShownAgainAfterAFailedSaveAlsoCarriesTheEditorPolicy() throws Exception {
        MvcResult result = mvc.perform(post("/admin/documents/new").with(as("clerk")).with(csrf()).param("title", "")).andReturn();
        assertThat(result.getResponse().getContentAsString()).contains("/js/editor-");
        assertThat(result.getResponse().getHeader("Content-Security-Policy")).contains("'unsafe-hashes'");
    }
}
