package org.gongkai.infrastructure;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.gongkai.AbstractIntegrationTest;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** Metrics for the operator from loopback (the default allowed address), refused to any other address; health stays open. */
class OperatorEndpointsTests extends AbstractIntegrationTest {

    static RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }

    @Test
    void metricsAnswerLoopbackOnly() throws Exception {
        mvc.perform(get("/actuator/prometheus").with(from("127.0.0.1"))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("hikaricp_connections_active"),
                        Matchers.containsString("gongkai_page_cache_hit_ratio"), Matchers.containsString("gongkai_search_timeouts_total"))));
        mvc.perform(get("/actuator/prometheus").with(from("203.0.113.7"))).andExpect(status().isForbidden());
        mvc.perform(get("/actuator/metrics").with(from("203.0.113.7"))).andExpect(status().isForbidden());
        mvc.perform(get("/actuator/prometheus").with(from("203.0.113.7")).header("Authorization", "Bearer "))
                .andExpect(status().isForbidden());
        mvc.perform(get("/actuator/health/readiness").with(from("203.0.113.7"))).andExpect(status().isOk());
    }
}
